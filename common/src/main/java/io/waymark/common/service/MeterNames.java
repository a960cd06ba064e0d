package io.waymark.common.service;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The meter naming convention: {@code waymark_<service>_<thing>}, lower-case snake case, so every
 * Waymark series is found with one prefix in Prometheus. Each service's {@code Metrics} class
 * builds its names here ({@code names.name("clicks")} is {@code waymark_edge_clicks}; Prometheus
 * shows a counter as {@code waymark_edge_clicks_total}, a timer in {@code _seconds}).
 */
public final class MeterNames {

    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern THING = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final String service;
    private final String prefix;

    private MeterNames(String service) {
        this.service = service;
        // Hyphens are legal in service names (event-sink) but not in Prometheus names.
        this.prefix = "waymark_" + service.replace('-', '_') + "_";
    }

    /** Names for {@code service} ({@code [a-z][a-z0-9-]*}, e.g. {@code edge}, {@code event-sink}). */
    public static MeterNames forService(String service) {
        Objects.requireNonNull(service, "service");
        if (!SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("service name '" + service + "' must match " + SERVICE);
        }
        return new MeterNames(service);
    }

    /** The full meter name for {@code thing} ({@code [a-z][a-z0-9_]*}, e.g. {@code tokens_rejected}). */
    public String name(String thing) {
        Objects.requireNonNull(thing, "thing");
        if (!THING.matcher(thing).matches()) {
            throw new IllegalArgumentException("meter name part '" + thing + "' must match " + THING);
        }
        return prefix + thing;
    }

    /** The service these names belong to. */
    public String service() {
        return service;
    }

    @Override
    public String toString() {
        return prefix + "*";
    }
}
