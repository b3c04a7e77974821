package dev.switchboard.core.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What {@code run --input} reads: a file, or standard input ({@code -}).
 *
 * <p>A regular file has an {@linkplain #identity() identity}, as Filebeat's registry keys its files:
 * the device and inode the operating system reports (so a renamed file keeps it and a rotated one,
 * a new file under the old name, does not), plus a fingerprint of the file's first line (at most
 * {@value #FINGERPRINT_BYTES} bytes), because a file system gives the inode of a deleted file to the
 * next file it creates. Standard input, pipes and files on a file system that reports no inode have
 * none, and cannot be resumed. (A first line still being written, without its newline yet, changes the
 * fingerprint as it grows; a file is normally complete, or at least its first line, when it is read.)
 */
final class InputSource implements Closeable {

    static final int FINGERPRINT_BYTES = 1024;

    private final String name;
    private final FileChannel channel;
    private final InputStream stream;
    private final String identity;
    private final long size;

    private InputSource(String name, FileChannel channel, InputStream stream, String identity, long size) {
        this.name = name;
        this.channel = channel;
        this.stream = stream;
        this.identity = identity;
        this.size = size;
    }

    /**
     * @param input a file's path, or {@code -} for standard input
     * @throws UsageError when the file cannot be opened, as one line naming it
     */
    static InputSource open(String input) {
        if ("-".equals(input)) {
            return new InputSource("<stdin>", null, System.in, null, 0);
        }
        Path file = Path.of(input);
        if (Files.isDirectory(file)) {
            throw new UsageError("--input " + input + ": is a folder, not a file");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                // A pipe or a device (a process substitution, /dev/stdin on a pipe): read it as a stream.
                return new InputSource(input, channel, Channels.newInputStream(channel), null, 0);
            }
            Object key = attributes.fileKey();
            String identity = key == null ? null : key + "/" + fingerprint(channel);
            return new InputSource(input, channel, null, identity, channel.size());
        } catch (NoSuchFileException e) {
            throw new UsageError("--input " + input + ": no such file");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UsageError("--input " + input + ": cannot read it: " + e.getMessage());
        }
    }

    /** The first 8 bytes of the SHA-256 of the first line (with its newline) or of the first bytes, in hex. */
    static String fingerprint(FileChannel channel) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(FINGERPRINT_BYTES);
        while (start.hasRemaining() && channel.read(start, start.position()) > 0) {
            // Reads by position: the channel's own position stays at 0.
        }
        int length = 0;
        while (length < start.position() && start.get(length++) != '\n') {
            // Up to and including the first newline.
        }
        MessageDigest sha256 = sha256();
        sha256.update(start.array(), 0, length);
        return HexFormat.of().formatHex(sha256.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return the name to report it by: the path as given, or {@code <stdin>} */
    String name() {
        return name;
    }

    /** @return its identity as described above, or null when it has none and cannot be resumed */
    String identity() {
        return identity;
    }

    /** @return true for a regular file; false for standard input, a pipe or a device */
    boolean isRegularFile() {
        return stream == null;
    }

    /** @return a regular file's size when it was opened; 0 for a stream */
    long size() {
        return size;
    }

    /**
     * @param position a byte offset of a regular file
     * @return the byte there, or -1 beyond the end
     */
    int byteAt(long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, position) == 1 ? one.get(0) & 0xFF : -1;
    }

    /**
     * @param start where to begin: a regular file is read from {@code start.offset()}; a stream from
     *     its beginning
     * @return its lines from there
     */
    InputLines lines(InputStart start) throws IOException {
        if (!isRegularFile()) {
            return new InputLines(stream, 0, 0);
        }
        channel.position(start.offset());
        return new InputLines(Channels.newInputStream(channel), start.offset(), start.line());
    }

    /** Closes the file; standard input stays open. */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Reporting the first failure matters more.
            }
        }
    }
}
