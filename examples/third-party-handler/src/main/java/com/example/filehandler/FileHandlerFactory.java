package com.example.filehandler;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates {@code type: file} handlers, which append every event as one JSON line to
 * {@code config.path} (required; a relative path is resolved against the runtime's working
 * directory; missing parent directories are created on the first event).
 *
 * <p>Found by the runtime through {@code META-INF/services/dev.switchboard.api.spi.HandlerFactory}.
 */
public final class FileHandlerFactory implements HandlerFactory {

    /** Creates the factory; the runtime finds it through {@link java.util.ServiceLoader}. */
    public FileHandlerFactory() {
    }

    @Override
    public String type() {
        return "file";
    }

    /** The runtime refuses any other key, and a block without {@code path}, before {@link #create}. */
    @Override
    public List<ConfigKey> configKeys() {
        return List.of(ConfigKey.string("path", "The file every event is appended to, one JSON line each").required());
    }

    /** Checks the path only; the file is opened on the first event, so validating writes nothing. */
    @Override
    public EventHandler create(HandlerContext context) {
        String value = context.config().string("path");
        if (value.isBlank()) {
            throw new ConfigException("path", "must not be empty");
        }
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException("path", "is not a valid file path: " + e.getReason());
        }
        if (Files.isDirectory(path)) {
            throw new ConfigException("path", "is a directory, not a file: " + path);
        }
        return new FileEventHandler(path);
    }
}
