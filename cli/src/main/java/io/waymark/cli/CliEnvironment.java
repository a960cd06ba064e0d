package io.waymark.cli;

import static java.util.Objects.requireNonNull;

import io.waymark.local.LocalEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a command may learn about the world outside its arguments: the environment variables,
 * the local stack's home directory, how a running local stack is found, and how long to wait
 * for a server before giving up. {@link #system()} is the real one; tests build their own so
 * target resolution can be checked without touching the process environment.
 *
 * @param variables     environment variables ({@code WAYMARK_*} are read)
 * @param home          the local stack's home ({@code -Dwaymark.home}, else {@code ./.waymark})
 * @param runningStack  the endpoints of a stack running in a home, if one runs there
 * @param timeout       bound on connecting to Kafka or Cassandra and on each request
 */
public record CliEnvironment(Map<String, String> variables, Path home,
                             Function<Path, Optional<LocalEndpoints>> runningStack, Duration timeout) {

    /** Environment variable overriding {@link #DEFAULT_TIMEOUT}, e.g. {@code 30s}. */
    public static final String TIMEOUT_VARIABLE = "WAYMARK_CLI_TIMEOUT";
    /** How long a command waits for an unreachable server before saying so. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public CliEnvironment {
        variables = Map.copyOf(requireNonNull(variables, "variables"));
        requireNonNull(home, "home");
        requireNonNull(runningStack, "runningStack");
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** This process's environment, home and the real local-stack lookup. */
    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        return new CliEnvironment(env, LocalEndpoints.defaultHome(), LocalEndpoints::running, timeout(env));
    }

    /** The non-blank value of an environment variable. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Duration timeout(Map<String, String> env) {
        String value = env.get(TIMEOUT_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            Duration parsed = DurationArgument.parse(value.trim());
            if (!parsed.isZero()) {
                return parsed;
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException(TIMEOUT_VARIABLE + "='" + value + "' is not a positive duration such as 10s");
    }
}
