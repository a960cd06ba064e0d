package io.waymark.common.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A configuration value that must never be printed: key material, passwords, tokens. Its
 * {@code toString} is a fixed placeholder, so a record holding a {@code Secret} can be logged
 * whole at start-up. Call {@link #reveal()} only where the value is handed to the code that uses
 * it.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The plain value. Do not log it. */
    public String reveal() {
        return value;
    }

    /** The plain value as UTF-8 bytes. Do not log them. */
    public byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** True when the value is empty. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
