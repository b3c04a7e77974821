package dev.switchboard.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * Several client threads posting single events to {@code /v1/events}, each with a unique
 * {@code data.seq}, to whichever runtime is serving now ({@link #target}); each keeps which seqs got
 * a 202 and the id it named. A 503, another status or a connection error acknowledges nothing: that
 * seq is posted again later, as a new event with the same seq.
 */
final class EventPosters implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<URI> target = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReferenceArray<URI> targets;
    private final AtomicLong turn = new AtomicLong();
    private final AtomicLong nextSeq = new AtomicLong(1);
    private final ConcurrentLinkedQueue<Long> unacknowledged = new ConcurrentLinkedQueue<>();
    private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<Long, Integer> posts = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final List<String> oddAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Duration pause;
    private final LongFunction<String> events;
    private volatile boolean running = true;

    /**
     * @param pause each thread waits a random time up to twice this between posts
     */
    EventPosters(int threadCount, Duration pause, long seed) {
        this(threadCount, pause, seed, 0);
    }

    /** @param runtimes how many runtimes {@link #target(int, URI)} names, posted to in turn */
    EventPosters(int threadCount, Duration pause, long seed, int runtimes) {
        this(threadCount, pause, seed, runtimes, EventPosters::stepComplete);
    }

    /** @param events the event posted for a seq (JSON, with that {@code data.seq}) */
    EventPosters(int threadCount, Duration pause, long seed, int runtimes, LongFunction<String> events) {
        this.pause = pause;
        this.events = events;
        this.targets = new java.util.concurrent.atomic.AtomicReferenceArray<>(runtimes);
        for (int i = 0; i < threadCount; i++) {
            SplittableRandom random = new SplittableRandom(seed + i);
            Thread thread = new Thread(() -> postUntilStopped(random), "event-poster-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** @param base where the runtime serves now ({@code http://127.0.0.1:P/}), or null while none does */
    void target(URI base) {
        target.set(base);
    }

    /**
     * Posts round-robin to several runtimes.
     *
     * @param slot which runtime
     * @param base where it serves now, or null while it does not
     */
    void target(int slot, URI base) {
        targets.set(slot, base);
    }

    private URI next() {
        if (targets.length() == 0) {
            return target.get();
        }
        for (int tries = 0; tries < targets.length(); tries++) {
            URI base = targets.get((int) Math.floorMod(turn.getAndIncrement(), (long) targets.length()));
            if (base != null) {
                return base;
            }
        }
        return null;
    }

    /** Stops posting and waits for the posts under way to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    /** @return per seq acknowledged with 202, the event id the runtime named */
    Map<Long, String> acknowledged() {
        return new TreeMap<>(acknowledged);
    }

    /** @return per seq, how many times it was posted */
    Map<Long, Integer> posts() {
        return new TreeMap<>(posts);
    }

    /** @return posts answered with something other than 202, or with no answer */
    long refused() {
        return refused.get();
    }

    /** @return 202 answers that did not name the one event's id (none expected) */
    List<String> oddAnswers() {
        return List.copyOf(oddAnswers);
    }

    private void postUntilStopped(SplittableRandom random) {
        while (running) {
            URI base = next();
            if (base == null) {
                sleep(20);
                continue;
            }
            Long again = unacknowledged.poll();
            long seq = again != null ? again : nextSeq.getAndIncrement();
            posts.merge(seq, 1, Integer::sum);
            String id = post(base, seq);
            if (id != null) {
                acknowledged.put(seq, id);
            } else {
                refused.incrementAndGet();
                unacknowledged.add(seq);
                sleep(20);
            }
            sleep(random.nextInt((int) pause.toMillis() * 2 + 1));
        }
    }

    /** @return the event's id when the answer was 202, else null */
    private String post(URI base, long seq) {
        String event = events.apply(seq);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("v1/events")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                return null;
            }
            JsonNode ids = JSON.readTree(response.body()).get("ids");
            if (ids == null || ids.size() != 1) {
                oddAnswers.add("a 202 for seq " + seq + " without its one id: " + response.body());
                return null;
            }
            return ids.get(0).asText();
        } catch (IOException refusedOrCut) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The event posted by default: a {@code step_complete} of no session. */
    static String stepComplete(long seq) {
        return "{\"event_type\": \"step_complete\", \"spec_name\": \"crash\", \"data\": {\"seq\": " + seq + "}}";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
