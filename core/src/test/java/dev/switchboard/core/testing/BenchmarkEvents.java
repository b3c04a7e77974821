package dev.switchboard.core.testing;

import dev.switchboard.api.WorkflowEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typical {@code step_complete} event: 24 keys over two levels (13 top-level, 11 nested),
 * about 1.5 KB of ordinary text, numbers, a UUID, timestamps, URLs and a commit hash; and the
 * seed's own example event. Shared by the benchmarks that measure work per event (secure filter,
 * redaction, matching, JSON), in the benchmarks module and in core's {@code src/jmh/java}.
 */
public final class BenchmarkEvents {

    private static final String RESPONSE = "## Findings\n"
            + "Solar capacity in Southeast Asia grew 24% in 2023, led by Vietnam (18.2 GW) and "
            + "the Philippines. Battery pack prices fell to $139/kWh, and grid operators report "
            + "curtailment below 3% in most regions. The IEA expects a further 31.7% growth by "
            + "2026 if permitting times shrink from 4-6 years to under 2. Three of the 12 sources "
            + "disagree on the 2030 outlook; see the table below for the spread of estimates.\n"
            + "| Source | 2030 GW |\n|---|---|\n| IEA | 410 |\n| BNEF | 455 |\n| IRENA | 390 |\n";
    private static final String PROMPT = "Summarise the research notes of step 2 for an executive "
            + "audience in at most 200 words. Keep every number with its unit and cite the source "
            + "of each figure as [n]. Version 2.14.3 of the template applies.";

    private BenchmarkEvents() {
    }

    /** @return the seed's example event, exactly as in the design */
    public static WorkflowEvent seed() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step_index", 1);
        data.put("response", "Step output...");
        data.put("duration_seconds", 2.5);
        return WorkflowEvent.builder("step_complete")
                .timestamp("2025-11-12T10:30:45.123456")
                .sessionId("a1b2c3d4-e5f6-7890")
                .specName("research-workflow")
                .patternType("chain")
                .data(data)
                .build();
    }

    /** @return the event without secrets: the filter must find nothing and copy nothing */
    public static WorkflowEvent clean() {
        return event(RESPONSE, PROMPT, "eu-west-1", "host", "worker-7d9f8b6c5-x2x4q");
    }

    /** @return the same event with {@code metadata.api_key} in place of {@code metadata.host} */
    public static WorkflowEvent withApiKey() {
        return event(RESPONSE, PROMPT, "eu-west-1", "api_key", "sk-live-1234567890");
    }

    /** @return the same event carrying three secrets: a bearer token, a card and an AWS key */
    public static WorkflowEvent withThreeSecrets() {
        return event(
                RESPONSE + "Called the API with Authorization: Bearer 9f8e7d6c5b4a3210fedcba9876543210.\n",
                PROMPT + " Bill card 4111 1111 1111 1111.",
                "eu-west-1 via AKIAIOSFODNN7EXAMPLE", "host", "worker-7d9f8b6c5-x2x4q");
    }

    private static WorkflowEvent event(String response, String prompt, String region, String lastKey,
                                       String lastValue) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", 1842);
        usage.put("output_tokens", 412);
        usage.put("total_tokens", 2254);
        usage.put("cost_usd", 0.0123);

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("region", region);
        metadata.put("agent", "researcher");
        metadata.put("attempt", 1);
        metadata.put("commit", "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
        metadata.put("version", "2.14.3");
        metadata.put("trace_id", "0af7651916cd43dd8448eb211c80319c");
        metadata.put(lastKey, lastValue);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step_index", 3);
        data.put("step_name", "summarize");
        data.put("status", "ok");
        data.put("duration_seconds", 2.5);
        data.put("started_at", "2025-11-12T10:30:42.623456Z");
        data.put("finished_at", "2025-11-12T10:30:45.123456Z");
        data.put("session_id", "a1b2c3d4-e5f6-7890-abcd-ef1234567890");
        data.put("model", "claude-3-5-sonnet");
        data.put("response", response);
        data.put("prompt", prompt);
        data.put("usage", usage);
        data.put("sources", List.of(
                "https://www.iea.org/reports/renewables-2023",
                "https://about.bnef.com/energy-transition-investment/",
                "https://www.irena.org/Publications/2024/Renewable-capacity-statistics"));
        data.put("metadata", metadata);
        return WorkflowEvent.builder("step_complete")
                .specName("research-workflow")
                .patternType("chain")
                .sessionId("a1b2c3d4-e5f6-7890")
                .data(data)
                .build();
    }
}
