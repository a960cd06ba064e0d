package io.waymark.cli.internal;

import static java.util.Objects.requireNonNull;

/**
 * One resolved connection setting and where it came from, so an error can tell the operator
 * what to change.
 *
 * @param value  the value, e.g. {@code 127.0.0.1:29092}
 * @param origin where it came from, e.g. {@code --kafka} or {@code WAYMARK_KAFKA_BOOTSTRAP_SERVERS}
 */
public record Setting(String value, String origin) {

    public Setting {
        requireNonNull(value, "value");
        requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return value + " (from " + origin + ")";
    }
}
