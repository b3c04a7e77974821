package dev.switchboard.plugins.datadog;

import com.timgroup.statsd.Event;
import com.timgroup.statsd.NonBlockingStatsDClient;
import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import com.timgroup.statsd.StatsDClientErrorHandler;
import com.timgroup.statsd.StatsDClientException;
import dev.switchboard.api.ConfigException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.Previewable;
import dev.switchboard.api.WorkflowEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mode: statsd}: one count per event, a histogram per duration and a DogStatsD event per
 * error, through one java-dogstatsd-client per handler.
 */
final class StatsdHandler implements EventHandler, Previewable {

    private static final Logger LOG = LoggerFactory.getLogger(StatsdHandler.class);

    /** How long {@link #close()} waits for the client to send what it still holds. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    // A datagram longer than the client's packet size is dropped whole, so an error event's text
    // is cut to fit. The reserve covers the "_e{n,m}:" header, "|d:", "|t:error", the
    // "|c:<container id>" that origin detection appends, and the newline.
    private static final int MAX_DATAGRAM_BYTES = NonBlockingStatsDClient.DEFAULT_UDP_MAX_PACKET_SIZE_BYTES;
    private static final int RESERVED_BYTES = 160;
    private static final int MAX_TITLE_CHARS = 100;

    private final String name;
    private final WorkflowMetrics metrics;
    private final StatsDClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StatsdHandler(String name, WorkflowMetrics metrics, StatsDClient client) {
        this.name = name;
        this.metrics = metrics;
        this.client = client;
    }

    /**
     * Starts the handler's client. Nothing is sent and nothing needs to listen (UDP); only the
     * host name is resolved.
     *
     * @throws ConfigException naming {@code host} if the client cannot start, e.g. the host name
     *     does not resolve
     */
    static StatsdHandler open(String name, DatadogSettings settings) {
        try {
            return new StatsdHandler(name, settings.metrics, newClient(name, settings));
        } catch (StatsDClientException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("host", "cannot start the DogStatsD client for " + settings.host
                    + ":" + settings.port + ": " + cause);
        }
    }

    /*
     * The settings that make close() lose nothing (checked against the client's 4.4.4 source):
     * - blocking(true): stop() then waits until the processor has drained its queue and the
     *   sender has written every buffer; the default (false) interrupts both workers at once and
     *   drops whatever is still queued. It also makes a full queue wait instead of dropping.
     * - enableAggregation(false): the default keeps counts in memory for 2 s (and a non-blocking
     *   close drops them all); one line per event leaves aggregation to the Agent, where it
     *   happens anyway, and nothing waits in the client.
     * - enableTelemetry(false): no client-health metrics mixed into the handler's traffic.
     */
    private static StatsDClient newClient(String name, DatadogSettings settings) {
        return new NonBlockingStatsDClientBuilder()
                .hostname(settings.host)
                .port(settings.port)
                .blocking(true)
                .enableAggregation(false)
                .enableTelemetry(false)
                .originDetectionEnabled(settings.originDetection)
                .errorHandler(new LoggingErrorHandler(name))
                .threadFactory(threads(name))
                .build();
    }

    @Override
    public void handle(WorkflowEvent event) {
        String[] tags = metrics.tags(event).toArray(new String[0]);
        client.count(metrics.eventsMetric(), 1L, tags);
        OptionalDouble duration = metrics.duration(event);
        if (duration.isPresent()) {
            client.histogram(metrics.durationMetric(), duration.getAsDouble(), tags);
        }
        if (metrics.isError(event)) {
            client.recordEvent(errorEvent(event, tags), tags);
        }
    }

    private Event errorEvent(WorkflowEvent event, String[] tags) {
        return Event.builder()
                .withTitle(errorTitle(event))
                .withText(errorText(event, tags))
                .withDate(event.instant().toEpochMilli())
                .withAlertType(Event.AlertType.ERROR)
                .build();
    }

    private String errorTitle(WorkflowEvent event) {
        return truncateChars(metrics.errorTitle(event), MAX_TITLE_CHARS);
    }

    private String errorText(WorkflowEvent event, String[] tags) {
        int budget = MAX_DATAGRAM_BYTES - RESERVED_BYTES - utf8Length(errorTitle(event)) - tagsLength(tags);
        return truncateUtf8(escapeNewlines(metrics.errorText(event)), Math.max(budget, 0));
    }

    /**
     * The DogStatsD lines {@link #handle} sends for this event, in the protocol's text form (the
     * client may add {@code |c:} with origin detection on).
     */
    @Override
    public Map<String, Object> preview(WorkflowEvent event) {
        List<String> tags = metrics.tags(event);
        // The client writes a call's tags last to first; the preview shows the lines as it writes them.
        List<String> written = new ArrayList<>(tags);
        java.util.Collections.reverse(written);
        String tagPart = tags.isEmpty() ? "" : "|#" + String.join(",", written);
        List<String> lines = new ArrayList<>();
        lines.add(metrics.eventsMetric() + ":1|c" + tagPart);
        OptionalDouble duration = metrics.duration(event);
        if (duration.isPresent()) {
            lines.add(metrics.durationMetric() + ":" + number(duration.getAsDouble()) + "|h" + tagPart);
        }
        if (metrics.isError(event)) {
            String title = errorTitle(event);
            String text = errorText(event, tags.toArray(new String[0]));
            lines.add("_e{" + utf8Length(title) + "," + utf8Length(text) + "}:" + title + "|" + text
                    + "|d:" + event.instant().getEpochSecond() + "|t:error" + tagPart);
        }
        return Map.of("dogstatsd", List.copyOf(lines));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }

    /**
     * Sends everything the client still holds, then releases its socket and threads; waits at
     * most {@link #FLUSH_TIMEOUT}.
     */
    @Override
    public void close() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // stop() waits on latches without a time limit; a helper thread keeps our wait bounded.
        Thread stopper = new Thread(client::stop, "datadog-" + name + "-close");
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(FLUSH_TIMEOUT.toMillis());
        if (stopper.isAlive()) {
            stopper.interrupt();
            LOG.warn("datadog handler '{}': the DogStatsD client did not finish sending within {}s; "
                    + "metrics still queued may be lost", name, FLUSH_TIMEOUT.toSeconds());
        }
    }

    // DogStatsD reads an event's text up to the next '|' or newline; the client escapes '\n'
    // itself, but doing it here lets the truncation count the bytes that are really sent.
    private static String escapeNewlines(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\\n");
    }

    static String truncateUtf8(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        String ellipsis = "...";
        int budget = maxBytes - ellipsis.length();
        if (budget <= 0) {
            return "";
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(codePoint)));
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + ellipsis;
    }

    private static String truncateChars(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - 3) + "...";
    }

    private static int tagsLength(String[] tags) {
        int length = 0;
        for (String tag : tags) {
            length += utf8Length(tag) + 1;
        }
        return length;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "datadog-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "StatsdHandler{" + name + "}";
    }

    /** Logs the client's I/O errors, which it otherwise swallows; the first, then every 1000th. */
    private static final class LoggingErrorHandler implements StatsDClientErrorHandler {
        private final String name;
        private final AtomicLong errors = new AtomicLong();

        LoggingErrorHandler(String name) {
            this.name = name;
        }

        @Override
        public void handle(Exception exception) {
            long count = errors.incrementAndGet();
            if (count == 1 || count % 1000 == 0) {
                LOG.warn("datadog handler '{}': DogStatsD send failed ({} failures so far): {}",
                        name, count, exception.toString());
            }
        }
    }
}
