package dev.switchboard.benchmarks.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's data folders: how many bytes they hold (a store's database and WAL), and their removal. */
public final class Folders {

    private Folders() {
    }

    /** @return the bytes of the regular files under the folder; 0 when it is null or missing */
    public static long bytes(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    /** Removes the folder and everything in it; nothing when it is null or missing. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
