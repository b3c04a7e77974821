package dev.switchboard.benchmarks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What Linux says about a process (CPU time, peak RSS), and CPU pinning with {@code taskset}. */
public final class Proc {

    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final boolean TASKSET = onPath("taskset");

    private Proc() {
    }

    /** @return user + system CPU seconds the process has used so far */
    public static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // The command name (field 2) may hold spaces; fields after it are space separated.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /** @return the process's peak resident set (VmHWM) in MiB */
    public static double peakRssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmHWM for process " + pid);
    }

    /** @return true when {@link #pinned} really pins (taskset is installed) */
    public static boolean canPin() {
        return TASKSET;
    }

    /** @return the command run on one CPU only, when taskset exists; else unchanged */
    public static List<String> pinned(int cpu, List<String> command) {
        if (!TASKSET || cpu < 0) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
        pinned.addAll(command);
        return pinned;
    }

    /** @return the java launcher of this JVM, so that children run on the same JDK */
    public static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
