package io.waymark.local.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Waymark service as the local stack runs it: its name (also its log's and config file's
 * name), its production main class, its admin port ({@code /readyz} decides "ready"), the
 * settings written to its {@code --config} file (the keys of its README's table) and the
 * secrets handed over in its environment ({@code WAYMARK_SEAL_KEYS}, {@code WAYMARK_TOKEN_KEYS}).
 *
 * @param name short name, e.g. {@code edge}
 * @param mainClass fully qualified main class
 * @param adminPort the admin port the service is configured with
 * @param maxHeap {@code -Xmx} value, e.g. {@code 192m}
 * @param settings the {@code --config} file's content
 * @param secretEnvironment environment variables holding secrets
 * @param needsCassandra whether the service can start only once Cassandra is ready
 */
public record ServiceSpec(String name, String mainClass, int adminPort, String maxHeap, Map<String, String> settings,
        Map<String, String> secretEnvironment, boolean needsCassandra) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(maxHeap, "maxHeap");
        settings = Map.copyOf(new LinkedHashMap<>(settings));
        secretEnvironment = Map.copyOf(secretEnvironment);
    }

    /** Hides the secrets. */
    @Override
    public String toString() {
        return "ServiceSpec[" + name + ", " + mainClass + ", admin " + adminPort + "]";
    }
}
