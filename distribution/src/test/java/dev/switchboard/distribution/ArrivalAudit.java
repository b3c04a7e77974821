package dev.switchboard.distribution;

import dev.switchboard.distribution.RecordingReceiver.Answer;
import dev.switchboard.distribution.RecordingReceiver.Arrival;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks what a {@link RecordingReceiver} saw against the moments runtimes were killed, from those
 * records alone. A <em>delivery</em> is every arrival with one {@code webhook-id}; for each two
 * arrivals P and then N of one delivery:
 *
 * <ul>
 *   <li>P was <em>in flight at a kill</em> when a kill <em>of the runtime that sent P</em> (the
 *       {@link Arrival#runtime()} it named; every kill where runtimes do not name themselves) overlaps
 *       the time from P's arrival less {@link Rules#receiveSlack} (a request written just before the
 *       process died may be read a little after) to P's answer plus {@link Rules#settleGrace} (the
 *       runtime commits what became of an attempt shortly after it learns it), from the kill's signal
 *       until the process was seen dead. Then P's runtime may have died before the store knew P's
 *       outcome; its lease expires, the delivery is resumed (by another runtime, or by it after a
 *       restart), and N may come at any time: after a 200 it is an explained duplicate, after a 503 or
 *       429 a resumed delivery whose retry was not yet committed may come before the retry time. A
 *       kill of another runtime explains nothing: a duplicate whose earlier 200 came from a runtime
 *       that was not being killed is a violation, so runtimes left alive never send one delivery
 *       twice.
 *   <li>Otherwise P's outcome was committed before any kill, and it is a <em>violation</em> when:
 *       P was answered 200 (a duplicate no kill explains); P's answer could not be written (the
 *       runtime gave up on a request without dying); or N came before its retry time less
 *       {@link Rules#clockTolerance} (due times are kept in milliseconds). The retry time is P's
 *       answer plus the {@code Retry-After} for a 429, and for a 503 plus the backoff after
 *       {@code k} attempts, where {@code k} counts P and the arrivals before it that were not in
 *       flight at a kill: attempts the store surely counted, so a lower bound of its count, and the
 *       backoff never shrinks as attempts grow.
 * </ul>
 *
 * <p>A retry is checked <em>across a kill</em> when a kill lies between P's answer and N: the retry
 * time was kept by the store, not by the process that set it. Also checked: one
 * {@code webhook-id} never carries two seqs, and no request arrives from a named runtime after it
 * was killed (so the names tell processes apart).
 */
final class ArrivalAudit {

    /**
     * What the runtime was configured with, and how much slack the checks allow.
     *
     * @param backoff the handler's {@code retry.backoff}
     * @param multiplier its {@code retry.multiplier}
     * @param maxBackoff its {@code retry.max_backoff}
     * @param retryAfter the receiver's {@code Retry-After} on a 429
     */
    record Rules(Duration backoff, double multiplier, Duration maxBackoff, Duration retryAfter,
                 Duration receiveSlack, Duration settleGrace, Duration clockTolerance) {

        /** The wait before the next attempt once {@code attempts} attempts failed (at least 1). */
        Duration backoffAfter(int attempts) {
            double millis = backoff.toMillis() * Math.pow(multiplier, Math.max(attempts, 1) - 1);
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /**
     * The outcome.
     *
     * @param violations what broke a rule, each with its delivery's timeline; empty when all held
     * @param deliveries how many distinct {@code webhook-id}s arrived
     * @param delivered how many of them were answered 200 at least once
     * @param duplicates arrivals after a delivery's first 200
     * @param duplicatesByRuntime those arrivals, counted by the runtime that sent the first 200 (the
     *     one whose death made the store send it again; {@code "unnamed"} when it did not say)
     * @param retriesChecked retry times checked (after a 503 or 429 not in flight at a kill)
     * @param retriesAcrossKill of those, how many had a kill between the answer and the retry
     * @param resumedEarly arrivals that came before the retry time of an attempt in flight at a kill
     * @param deliveredIds per seq, the {@code webhook-id}s answered 200
     * @param ids per seq, every {@code webhook-id} that arrived
     */
    record Report(List<String> violations, int deliveries, int delivered, int duplicates,
                  Map<String, Integer> duplicatesByRuntime, int retriesChecked,
                  int retriesAcrossKill, int resumedEarly, Map<Long, Set<String>> deliveredIds,
                  Map<Long, Set<String>> ids) {
    }

    private final Rules rules;
    private final List<Kill> kills;
    private final long origin;

    /**
     * @param origin the {@link System#nanoTime()} that timelines count from
     */
    ArrivalAudit(Rules rules, List<Kill> kills, long origin) {
        this.rules = rules;
        this.kills = List.copyOf(kills);
        this.origin = origin;
    }

    Report audit(List<Arrival> arrivals) {
        Map<String, List<Arrival>> byId = new LinkedHashMap<>();
        arrivals.stream().sorted(java.util.Comparator.comparingLong(Arrival::arrivedNanos))
                .forEach(a -> byId.computeIfAbsent(a.webhookId(), id -> new ArrayList<>()).add(a));
        List<String> violations = new ArrayList<>();
        Map<Long, Set<String>> deliveredIds = new TreeMap<>();
        Map<Long, Set<String>> ids = new TreeMap<>();
        int delivered = 0;
        int duplicates = 0;
        Map<String, Integer> duplicatesByRuntime = new TreeMap<>();
        int checked = 0;
        int acrossKill = 0;
        int resumedEarly = 0;
        for (Map.Entry<String, List<Arrival>> delivery : byId.entrySet()) {
            List<Arrival> attempts = delivery.getValue();
            long seq = attempts.get(0).seq();
            ids.computeIfAbsent(seq, s -> new TreeSet<>()).add(delivery.getKey());
            if (attempts.stream().anyMatch(a -> a.seq() != seq)) {
                violations.add("webhook-id " + delivery.getKey() + " carried more than one seq\n" + timeline(attempts));
            }
            int firstOk = indexOfFirstOk(attempts);
            if (firstOk >= 0) {
                delivered++;
                int again = attempts.size() - 1 - firstOk;
                duplicates += again;
                if (again > 0) {
                    duplicatesByRuntime.merge(Objects.requireNonNullElse(attempts.get(firstOk).runtime(), "unnamed"),
                            again, Integer::sum);
                }
                deliveredIds.computeIfAbsent(seq, s -> new TreeSet<>()).add(delivery.getKey());
            }
            int counted = 0;
            for (int i = 0; i + 1 < attempts.size(); i++) {
                Arrival p = attempts.get(i);
                Arrival n = attempts.get(i + 1);
                boolean inFlight = inFlightAtKill(p);
                if (!inFlight) {
                    counted++;
                }
                long due = p.answeredNanos() + retryWait(p, counted).toNanos() - rules.clockTolerance().toNanos();
                if (inFlight) {
                    if (p.answer() != Answer.OK && n.arrivedNanos() < due) {
                        resumedEarly++;
                    }
                    continue;
                }
                String problem = null;
                if (p.answer() == Answer.OK) {
                    problem = "sent again after a 200 with no kill while that attempt was in flight";
                } else if (!p.answerWritten()) {
                    problem = "an attempt whose answer could not be written, with no kill while it was in flight";
                } else {
                    checked++;
                    if (kills.stream().anyMatch(k -> k.overlaps(p.answeredNanos(), n.arrivedNanos()))) {
                        acrossKill++;
                    }
                    if (n.arrivedNanos() < due) {
                        problem = "attempt " + (i + 2) + " came " + millis(due + rules.clockTolerance().toNanos()
                                - n.arrivedNanos()) + " ms before its retry time (" + retryWait(p, counted).toMillis()
                                + " ms after the " + p.answer().status + ")";
                    }
                }
                if (problem != null) {
                    violations.add("seq " + seq + ", webhook-id " + delivery.getKey() + ": " + problem + "\n"
                            + timeline(attempts));
                }
            }
        }
        for (Arrival a : arrivals) {
            for (Kill k : kills) {
                if (k.runtime() != null && k.killed(a) && a.arrivedNanos() - rules.receiveSlack().toNanos() > k.deadNanos()) {
                    violations.add("seq " + a.seq() + ", webhook-id " + a.webhookId() + ": arrived from runtime "
                            + a.runtime() + " after it was killed\n" + timeline(byId.get(a.webhookId())));
                }
            }
        }
        return new Report(violations, byId.size(), delivered, duplicates, duplicatesByRuntime, checked, acrossKill, resumedEarly,
                deliveredIds, ids);
    }

    private Duration retryWait(Arrival attempt, int attemptsCounted) {
        return attempt.answer() == Answer.TOO_MANY ? rules.retryAfter() : rules.backoffAfter(attemptsCounted);
    }

    private boolean inFlightAtKill(Arrival attempt) {
        long from = attempt.arrivedNanos() - rules.receiveSlack().toNanos();
        long to = attempt.answeredNanos() + rules.settleGrace().toNanos();
        return kills.stream().anyMatch(k -> k.killed(attempt) && k.overlaps(from, to));
    }

    private static int indexOfFirstOk(List<Arrival> attempts) {
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).answer() == Answer.OK) {
                return i;
            }
        }
        return -1;
    }

    /** The delivery's arrivals and the kills from a little before the first to the last, in ms since the origin. */
    String timeline(List<Arrival> attempts) {
        long from = attempts.get(0).arrivedNanos() - Duration.ofSeconds(5).toNanos();
        long to = attempts.get(attempts.size() - 1).answeredNanos() + Duration.ofSeconds(1).toNanos();
        TreeMap<Long, String> lines = new TreeMap<>();
        for (Arrival a : attempts) {
            lines.put(a.arrivedNanos(), "  " + millis(a.arrivedNanos() - origin) + " ms: seq " + a.seq() + " arrived"
                    + (a.runtime() == null ? "" : " from " + a.runtime()) + ", answered "
                    + a.answer().status + " at " + millis(a.answeredNanos() - origin) + " ms"
                    + (a.answerWritten() ? "" : " (could not be written)"));
        }
        for (Kill k : kills) {
            if (k.overlaps(from, to)) {
                lines.put(k.signalNanos(), "  " + millis(k.signalNanos() - origin) + " ms: SIGKILL"
                        + (k.runtime() == null ? "" : " of " + k.runtime()) + ", dead at "
                        + millis(k.deadNanos() - origin) + " ms");
            }
        }
        return String.join("\n", lines.values());
    }

    private static long millis(long nanos) {
        return Math.floorDiv(nanos, 1_000_000L);
    }
}
