package dev.switchboard.core.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every accepted event its id: a time-ordered UUID (version 7 layout), so ids sort by
 * acceptance time and receivers can de-duplicate on them.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String next() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
