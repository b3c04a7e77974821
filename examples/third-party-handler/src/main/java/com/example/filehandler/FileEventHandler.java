package com.example.filehandler;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each event as one JSON line to a file. Thread-safe: the runtime may call
 * {@link #handle} from several workers at once, and each line is written whole, in one
 * write, under a lock, so lines never interleave.
 */
final class FileEventHandler implements EventHandler {

    private final Path path;
    private FileChannel file;   // guarded by this; opened on the first event
    private boolean closed;     // guarded by this

    FileEventHandler(Path path) {
        this.path = path;
    }

    /**
     * @throws IOException if the file cannot be opened or written; the runtime retries it
     */
    @Override
    public void handle(WorkflowEvent event) throws IOException {
        ByteBuffer line = ByteBuffer.wrap(EventLine.of(event));   // serialised outside the lock
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("file handler for " + path + " is closed");
            }
            if (file == null) {
                file = open();
            }
            while (line.hasRemaining()) {
                file.write(line);
            }
        }
    }

    private FileChannel open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (file != null) {
            file.close();
            file = null;
        }
    }

    @Override
    public String toString() {
        return "FileEventHandler[" + path + "]";
    }
}
