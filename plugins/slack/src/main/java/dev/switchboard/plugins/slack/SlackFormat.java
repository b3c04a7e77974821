package dev.switchboard.plugins.slack;

import dev.switchboard.api.ConfigException;
import java.util.Locale;

/** The two message shapes the plugin can send: legacy attachments (the seed's) or Block Kit. */
enum SlackFormat {
    ATTACHMENTS,
    BLOCKS;

    /**
     * @param value the {@code format} config value
     * @return the format it names
     * @throws ConfigException if it names neither
     */
    static SlackFormat parse(String value) {
        for (SlackFormat format : values()) {
            if (format.configName().equals(value)) {
                return format;
            }
        }
        throw new ConfigException("format",
                "must be 'attachments' or 'blocks', not '" + value + "'");
    }

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
