package dev.switchboard.benchmarks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * @return user + system CPU seconds per thread group of the process so far: threads named alike
     *     but for a trailing number (lane-bench-0, lane-bench-1) count as one; names are Linux's
     *     (at most 15 characters; the JVM's main thread is "java")
     */
    public static Map<String, Double> cpuSecondsByThread(long pid) throws IOException {
        Map<String, Double> groups = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip()
                            .replaceAll("[-_ ]?[0-9]+$", "");
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    groups.merge(name, seconds, Double::sum);
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return groups;
    }

    /**
     * @return context switches of all the process's threads so far, voluntary (a thread parked or
     *     blocked: each wake-up of a waiting thread costs one) plus involuntary (preempted)
     */
    public static long contextSwitches(long pid) throws IOException {
        long switches = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"), StandardCharsets.US_ASCII)) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return switches;
    }

    /** @return {@code after - before} per group, largest first, as {@code name=seconds} */
    public static String cpuDelta(Map<String, Double> before, Map<String, Double> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0.005)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .map(e -> String.format("%s=%.2f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** @return the process's peak resident set (VmHWM) in MiB */
    public static double peakRssMiB(long pid) throws IOException {
        return statusMiB(pid, "VmHWM:");
    }

    /** @return the process's resident set now (VmRSS) in MiB: heap, native memory (SQLite's page cache), code */
    public static double residentMiB(long pid) throws IOException {
        return statusMiB(pid, "VmRSS:");
    }

    private static double statusMiB(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no " + key + " for process " + pid);
    }

    /** @return the machine's 1, 5 and 15 minute load averages ({@code /proc/loadavg}): the machine may be shared */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
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
