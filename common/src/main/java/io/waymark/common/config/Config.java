package io.waymark.common.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated access to a {@link ConfigSource}. Services call these getters once at
 * start-up to build their immutable config records; each failure is a {@link ConfigException}
 * that names the key, where the value came from and the bad value (never for
 * {@link #secret(String)}). Required getters fail on a missing key; give defaults in the
 * source's default layer so they appear in one place (the module README's table).
 */
public final class Config {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private final ConfigSource source;

    public Config(ConfigSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A config with only the given values as defaults, for tests. */
    public static Config of(Map<String, String> values) {
        return new Config(ConfigSource.of(values, Map.of(), Map.of()));
    }

    /** The underlying layers. */
    public ConfigSource source() {
        return source;
    }

    /** Raw value, if set; blank values count as unset so {@code WAYMARK_X=} clears a default. */
    public Optional<String> optionalString(String key) {
        return source.get(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A required non-blank string. */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    /** A required integer within {@code [min, max]}. */
    public int intInRange(String key, int min, int max) {
        String raw = string(key);
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw invalid(key, raw, "an integer in [" + min + ", " + max + "]");
    }

    /** A required TCP port; 0 means "any free port" for a listener. */
    public int port(String key) {
        return intInRange(key, 0, 65_535);
    }

    /** A required long within {@code [min, max]}. */
    public long longInRange(String key, long min, long max) {
        String raw = string(key);
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw invalid(key, raw, "an integer in [" + min + ", " + max + "]");
    }

    /** A required boolean, {@code true} or {@code false} (any case); nothing else is guessed. */
    public boolean bool(String key) {
        String raw = string(key);
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key, raw, "true or false");
    }

    /**
     * A required non-negative duration: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h},
     * {@code 1d}, or ISO-8601 ({@code PT30S}).
     */
    public Duration duration(String key) {
        String raw = string(key);
        Duration value = parseDuration(raw.toLowerCase(Locale.ROOT));
        if (value == null || value.isNegative()) {
            throw invalid(key, raw, "a duration such as 250ms, 30s, 5m, 2h, 1d or PT30S");
        }
        return value;
    }

    /** A required filesystem path (not checked for existence: the user of the path knows). */
    public Path path(String key) {
        return optionalPath(key).orElseThrow(() -> missing(key));
    }

    /** An optional filesystem path. */
    public Optional<Path> optionalPath(String key) {
        Optional<String> raw = optionalString(key);
        try {
            return raw.map(Path::of);
        } catch (InvalidPathException e) {
            throw invalid(key, raw.get(), "a filesystem path");
        }
    }

    /** A required {@code host:port}. */
    public HostPort hostPort(String key) {
        String raw = string(key);
        try {
            return HostPort.parse(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(key, raw, "host:port (" + e.getMessage() + ")");
        }
    }

    /** A comma-separated list, entries trimmed, empty entries dropped; empty when unset. */
    public List<String> list(String key) {
        List<String> values = new ArrayList<>();
        for (String part : optionalString(key).orElse("").split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return List.copyOf(values);
    }

    /** A required enum constant, matched ignoring case and with {@code -} read as {@code _}. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String raw = string(key);
        String wanted = raw.replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw invalid(key, raw, "one of " + List.of(type.getEnumConstants()));
    }

    /** A required secret; its value never appears in any message. */
    public Secret secret(String key) {
        return optionalSecret(key).orElseThrow(() -> missing(key));
    }

    /** An optional secret. */
    public Optional<Secret> optionalSecret(String key) {
        return optionalString(key).map(Secret::new);
    }

    /** An error for {@code key} naming its origin but not its value (for secrets). */
    public ConfigException invalidSecret(String key, String why) {
        return new ConfigException(key, "invalid " + key + " (from " + source.origin(key) + "): " + why);
    }

    /** An error for {@code key} naming its origin and bad value. */
    public ConfigException invalid(String key, String raw, String expected) {
        return new ConfigException(key, "invalid " + key + " (from " + source.origin(key) + "): '"
                + raw + "' is not " + expected);
    }

    private ConfigException missing(String key) {
        return new ConfigException(key, "missing required setting " + key + " (set "
                + ConfigSource.envName(key) + " or " + key + " in the config file)");
    }

    private static Duration parseDuration(String raw) {
        Matcher m = SIMPLE_DURATION.matcher(raw);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                default: return Duration.ofDays(amount);
            }
        }
        try {
            return Duration.parse(raw.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
