package dev.switchboard.core.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written byte by byte to 127.0.0.1, for requests the JDK client refuses to send (a
 * malformed Content-Length, a header without a value); one request per connection, bounded in time.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    /** A parsed answer: the status code, the header block as sent, and the body. */
    record Answer(int status, String headers, String body) {

        /** @return the first value of the header, or null */
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /**
     * @param head the request line and headers, each ending in CRLF, without the blank line;
     *     {@code Connection: close} is added
     */
    static Answer send(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream().readAllBytes(), head.toUpperCase(Locale.ROOT).startsWith("HEAD "));
        }
    }

    private static Answer parse(byte[] bytes, boolean head) {
        // Latin-1 keeps one char per byte, so chunk sizes count as sent; the body is decoded at the end.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP answer: " + text);
        }
        String headers = text.substring(0, end);
        String body = text.substring(end + 4);
        if (!head && "chunked".equalsIgnoreCase(new Answer(0, headers, "").header("Transfer-Encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
