package io.waymark.common.service;

import java.util.Map;

/**
 * A Waymark service as the frame sees it: something that starts its components given a
 * {@link ServiceContext}. The service registers every component it starts with
 * {@link ServiceContext#manage} (so shutdown closes them, newest first) and returns; the runtime
 * keeps the process alive until SIGTERM. A {@code start} that throws stops the process with exit
 * code 1 after closing what was already registered.
 */
@FunctionalInterface
public interface Service {

    /** Starts the service's components; register each with the context. */
    void start(ServiceContext context) throws Exception;

    /**
     * Defaults of this service's own settings, layered under the config file and environment.
     * They may also override frame defaults such as {@code admin.port}.
     */
    default Map<String, String> defaults() {
        return Map.of();
    }
}
