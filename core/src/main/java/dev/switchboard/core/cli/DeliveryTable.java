package dev.switchboard.core.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deliveries as {@code switchboard deliveries} prints them: one row each, columns as wide as their
 * widest cell, the reason last and cut to one short line.
 */
final class DeliveryTable {

    private static final List<String> HEADER =
            List.of("ID", "STATE", "HANDLER", "ATTEMPTS", "STATUS", "UPDATED", "EVENT_ID", "EVENT_TYPE", "REASON");
    private static final int MAX_REASON = 80;

    private DeliveryTable() {
    }

    /** @param items deliveries in the API's JSON shape */
    static void print(List<Map<String, Object>> items, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Map<String, Object> item : items) {
            Object event = item.get("event");
            Object eventType = event instanceof Map<?, ?> fields ? fields.get("event_type") : null;
            rows.add(List.of(cell(item.get("id")), cell(item.get("state")), cell(item.get("handler")),
                    cell(item.get("attempts")), cell(item.get("last_status")), cell(item.get("updated_at")),
                    cell(item.get("event_id")), cell(eventType), reason(item.get("last_reason"))));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(Object value) {
        return value == null ? "-" : oneLine(value.toString());
    }

    private static String reason(Object value) {
        String reason = cell(value);
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }

    /** Control characters (a reason may quote an answer's body) would break the table. */
    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString();
    }
}
