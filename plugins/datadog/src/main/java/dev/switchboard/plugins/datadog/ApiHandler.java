package dev.switchboard.plugins.datadog;

import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code mode: api}: posts the event's metrics to Datadog's v1 series endpoint, in the seed's
 * format; the runtime's HTTP client sends it and retries.
 */
final class ApiHandler extends WebhookEventHandler {

    private final String name;
    private final WorkflowMetrics metrics;
    private final String url;
    private final Map<String, String> headers;

    ApiHandler(HandlerContext context, DatadogSettings settings) {
        super(context);
        this.name = context.name();
        this.metrics = settings.metrics;
        this.url = settings.apiUrl;
        this.headers = Map.of("DD-API-KEY", settings.apiKey);
    }

    /**
     * @return {@code {"series": [events count, duration if any]}}, each point stamped with the
     *     event's own time in unix seconds
     */
    @Override
    public Object formatPayload(WorkflowEvent event) {
        long unixSeconds = event.instant().getEpochSecond();
        List<String> tags = metrics.tags(event);
        List<Object> series = new ArrayList<>(2);
        series.add(series(metrics.eventsMetric(), unixSeconds, 1, "count", tags));
        OptionalDouble duration = metrics.duration(event);
        if (duration.isPresent()) {
            // No type: Datadog stores it as a gauge, as in the seed's example.
            series.add(series(metrics.durationMetric(), unixSeconds, duration.getAsDouble(), null, tags));
        }
        return Map.of("series", series);
    }

    private static Map<String, Object> series(String metric, long unixSeconds, Number value,
                                              String type, List<String> tags) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("metric", metric);
        series.put("points", List.of(List.of(unixSeconds, value)));
        if (type != null) {
            series.put("type", type);
        }
        series.put("tags", tags);
        return series;
    }

    @Override
    public String webhookUrl() {
        return url;
    }

    /** @return the {@code DD-API-KEY} header; never logged by the runtime */
    @Override
    public Map<String, String> headers() {
        return headers;
    }

    /** Names the handler only: the API key must never reach a log line. */
    @Override
    public String toString() {
        return "ApiHandler{" + name + "}";
    }
}
