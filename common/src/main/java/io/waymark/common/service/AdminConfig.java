package io.waymark.common.service;

import io.waymark.common.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The frame's own settings, read once at start-up: where the admin server listens and how long
 * shutdown may take. Defaults are in {@link #DEFAULTS} and the module README.
 *
 * @param host            {@code admin.host}: bind address of the admin server
 * @param port            {@code admin.port}: admin port; 0 picks a free port (tests)
 * @param shutdownTimeout {@code shutdown.timeout}: budget for closing all components
 */
public record AdminConfig(String host, int port, Duration shutdownTimeout) {

    public static final String HOST = "admin.host";
    public static final String PORT = "admin.port";
    public static final String SHUTDOWN_TIMEOUT = "shutdown.timeout";

    /** Frame defaults; a service's {@link Service#defaults()} may override them. */
    public static final Map<String, String> DEFAULTS = Map.of(
            HOST, "0.0.0.0",
            PORT, "9400",
            SHUTDOWN_TIMEOUT, "30s");

    public AdminConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("admin port " + port + " is outside [0, 65535]");
        }
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            throw new IllegalArgumentException("shutdown timeout must be positive");
        }
    }

    /** Reads the frame settings; errors name the key and value. */
    public static AdminConfig from(Config config) {
        Duration timeout = config.duration(SHUTDOWN_TIMEOUT);
        if (timeout.isZero()) {
            throw config.invalid(SHUTDOWN_TIMEOUT, config.string(SHUTDOWN_TIMEOUT), "a positive duration");
        }
        return new AdminConfig(config.string(HOST), config.port(PORT), timeout);
    }
}
