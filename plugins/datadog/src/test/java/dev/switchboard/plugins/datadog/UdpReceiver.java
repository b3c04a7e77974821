package dev.switchboard.plugins.datadog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real UDP socket on 127.0.0.1 standing in for the Datadog Agent: reads datagrams and splits
 * them into DogStatsD lines (the client batches several lines per packet).
 */
final class UdpReceiver implements AutoCloseable {

    private final DatagramSocket socket;

    UdpReceiver() throws IOException {
        socket = new DatagramSocket(null);
        // Room for a burst of a thousand lines while the test is not reading yet.
        socket.setReceiveBufferSize(4 * 1024 * 1024);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    /**
     * Reads until {@code expected} lines arrived or {@code timeout} passed, then waits briefly for
     * any further (unexpected) lines, so that a test also sees extras.
     */
    List<String> receive(int expected, Duration timeout) throws IOException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65_536];
        while (lines.size() < expected && System.nanoTime() < deadline) {
            readInto(lines, buffer, Math.max(1, (int) ((deadline - System.nanoTime()) / 1_000_000)));
        }
        int before;
        do {
            before = lines.size();
            readInto(lines, buffer, 100);
        } while (lines.size() > before);
        return lines;
    }

    private void readInto(List<String> lines, byte[] buffer, int timeoutMillis) throws IOException {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException nothingYet) {
            return;
        }
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
