package dev.switchboard.plugins.secure;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventFilter;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.FilterFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code filters: [secure]}: finds secrets and personal data in every string of an event's
 * {@code data}, at any depth, and replaces each finding with {@code [REDACTED:<kind>]}, keeping
 * the rest of the text.
 *
 * <p>Built in: bearer tokens and {@code Authorization} values (and the whole value of any key
 * named {@code authorization}), AWS access keys, Slack tokens and webhook URLs, GitHub tokens,
 * Stripe-style keys, JWTs, PEM private keys, passwords in URLs, and card numbers that pass the
 * Luhn check. Config: {@code emails} (default false) adds e-mail addresses; {@code deny_keys}
 * redacts the whole value of the listed keys at any depth ({@code [REDACTED:key]});
 * {@code patterns} adds named regular expressions ({@code [REDACTED:NAME]}); {@code allow_keys}
 * keeps only the listed top-level data keys.
 *
 * @since 0.1
 */
public final class SecureFilterFactory implements FilterFactory {

    /** The marker kind of a value removed because of its key. */
    static final String KEY_KIND = "key";

    @Override
    public String type() {
        return "secure";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return SecureSettings.KEYS;
    }

    @Override
    public EventFilter create(HandlerContext context) {
        SecureSettings settings = SecureSettings.read(context.config());
        List<Detector> detectors = new ArrayList<>();
        // The user's own patterns come first: where they overlap a built-in, their name wins.
        settings.patterns().forEach((name, pattern) -> detectors.add(Detector.always(name, pattern)));
        detectors.addAll(BuiltInDetectors.create(settings.emails()));

        Map<String, String> keyMarkers = new HashMap<>();
        keyMarkers.put("authorization", Detector.marker("authorization"));
        keyMarkers.put("proxy-authorization", Detector.marker("authorization"));
        for (String key : settings.denyKeys()) {
            keyMarkers.put(key.toLowerCase(Locale.ROOT), Detector.marker(KEY_KIND));
        }
        return new SecureFilter(new DataScrubber(
                new TextScanner(detectors), keyMarkers, settings.allowKeys()));
    }
}
