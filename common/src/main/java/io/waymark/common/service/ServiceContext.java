package io.waymark.common.service;

import io.waymark.common.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.common.service.internal.ComponentCloser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Service} gets at start-up: its name, its configuration, the meter registry that
 * {@code /metrics} exposes, and the places to register components (closed newest first on
 * shutdown) and readiness checks. Mostly used during {@link Service#start}; registering later is
 * thread-safe, but a component registered after shutdown began is not closed by the frame.
 */
public final class ServiceContext {

    private final String serviceName;
    private final Config config;
    private final MeterRegistry meterRegistry;
    private final ReadinessRegistry readiness;
    private final List<ComponentCloser.Component> components = new ArrayList<>();

    ServiceContext(String serviceName, Config config, MeterRegistry meterRegistry, ReadinessRegistry readiness) {
        this.serviceName = serviceName;
        this.config = config;
        this.meterRegistry = meterRegistry;
        this.readiness = readiness;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The configuration, already layered; build the service's config records from it. */
    public Config config() {
        return config;
    }

    /** The registry behind {@code /metrics}; tagged {@code service=<name>}. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Meter names for this service: {@code waymark_<service>_<thing>}. */
    public MeterNames meterNames() {
        return MeterNames.forService(serviceName);
    }

    /** Registers {@code component} to be closed on shutdown (newest first) and returns it. */
    public <T extends AutoCloseable> T manage(String name, T component) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
        synchronized (components) {
            components.add(new ComponentCloser.Component(name, component));
        }
        return component;
    }

    /** Adds a readiness check; {@code /readyz} lists {@code name} while it fails. */
    public void readinessCheck(String name, ReadinessCheck check) {
        readiness.register(name, check);
    }

    List<ComponentCloser.Component> components() {
        synchronized (components) {
            return List.copyOf(components);
        }
    }
}
