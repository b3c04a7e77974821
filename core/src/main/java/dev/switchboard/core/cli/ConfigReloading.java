package dev.switchboard.core.cli;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Reloads handlers.yaml on SIGHUP and, with {@code run --watch}, when the file's content changes
 * (see {@link Switchboard#reload()}, which logs what changed or every mistake). One reload at a time,
 * on a thread of its own, so that a signal or a file event never waits for a swap.
 */
final class ConfigReloading implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloading.class);
    /** Editors write a file in steps; a change is read once it has been quiet this long. */
    private static final long QUIET_MILLIS = 300;

    private final Switchboard switchboard;
    private final Path file;
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "config-reload");
        thread.setDaemon(true);
        return thread;
    });
    private WatchService watcher;

    private ConfigReloading(Switchboard switchboard, Path file) {
        this.switchboard = switchboard;
        this.file = file.toAbsolutePath();
    }

    /** Reloads on SIGHUP (where the platform has it) and, when {@code watch}, on the file's changes. */
    static ConfigReloading start(Switchboard switchboard, Path file, boolean watch) throws IOException {
        ConfigReloading reloading = new ConfigReloading(switchboard, file);
        try {
            Signal.handle(new Signal("HUP"), signal -> reloading.reloads.execute(() -> reloading.reload("SIGHUP")));
        } catch (IllegalArgumentException noSighup) {
            LOG.debug("no SIGHUP on this platform: {}", noSighup.getMessage());
        }
        if (watch) {
            reloading.watch();
        }
        return reloading;
    }

    private void reload(String why) {
        LOG.info("{}: reloading {}", why, file);
        try {
            switchboard.reload();
        } catch (ConfigProblem logged) {
            // Switchboard.reload() logged every mistake; the running configuration stays.
        } catch (RuntimeException e) {
            LOG.error("reloading {} failed: {}", file, e.toString());
        }
    }

    private void watch() throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        Thread thread = new Thread(this::watchLoop, "config-watch");
        thread.setDaemon(true);
        thread.start();
        LOG.info("watching {} for changes", file);
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // Wait for the writes to settle, then take every event of the burst as one.
                do {
                    key.pollEvents();
                    key.reset();
                } while ((key = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null);
                if (changed()) {
                    reloads.execute(() -> reload("the file changed"));
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stop) {
            // Closing.
        }
    }

    /** Whether the file's content differs from the loaded configuration's (another file of the folder may have changed). */
    private boolean changed() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return !HexFormat.of().formatHex(digest).equals(switchboard.configHash());
        } catch (IOException e) {
            return true; // the reload names why it cannot read the file
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
        reloads.shutdownNow();
    }
}
