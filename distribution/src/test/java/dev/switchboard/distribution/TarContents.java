package dev.switchboard.distribution;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The entries of a tar archive, gzip-compressed or not, by path (no leading {@code ./} or {@code /}). */
final class TarContents {

    record Entry(String path, int mode, long uid, long gid, boolean directory, byte[] content) {

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        boolean executable() {
            return (mode & 0111) == 0111;
        }
    }

    private TarContents() {
    }

    static Map<String, Entry> read(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return read(in.readAllBytes());
        }
    }

    static Map<String, Entry> read(byte[] archive) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        boolean gzip = archive.length > 2 && (archive[0] & 0xff) == 0x1f && (archive[1] & 0xff) == 0x8b;
        InputStream raw = new java.io.ByteArrayInputStream(archive);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new BufferedInputStream(gzip ? new GZIPInputStream(raw) : raw))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String path = entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                entries.put(path, new Entry(path, entry.getMode(), entry.getLongUserId(), entry.getLongGroupId(),
                        entry.isDirectory(), tar.readAllBytes()));
            }
        }
        return entries;
    }
}
