package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A handler's {@code signing:} block: the keys that sign its HTTP deliveries as Standard Webhooks
 * says, the current secret's first, then each {@code previous} one (kept during a rotation).
 *
 * <p>Holds secrets: its {@link #toString} says how many keys there are and nothing else.
 */
public final class SigningSettings {

    private final List<byte[]> keys;
    private final Position position;

    SigningSettings(List<byte[]> keys, Position position) {
        List<byte[]> copies = new ArrayList<>(keys.size());
        keys.forEach(key -> copies.add(key.clone()));
        this.keys = List.copyOf(copies);
        this.position = position;
    }

    /** @return where the {@code signing:} block stands */
    public Position position() {
        return position;
    }

    /** @return the HMAC keys (the base64-decoded part of each {@code whsec_} secret), current first */
    public List<byte[]> keys() {
        List<byte[]> copies = new ArrayList<>(keys.size());
        keys.forEach(key -> copies.add(key.clone()));
        return copies;
    }

    @Override
    public String toString() {
        return "SigningSettings[" + keys.size() + (keys.size() == 1 ? " key]" : " keys]");
    }
}
