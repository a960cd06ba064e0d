package io.waymark.common.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state behind {@code /readyz}: not ready while starting, then ready when every registered
 * {@link ReadinessCheck} passes, and not ready again from the moment shutdown begins so load
 * balancers drain the instance before its components close.
 */
public final class ReadinessRegistry {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReadinessRegistry.class);

    /** Lifecycle phase as readiness sees it. */
    public enum Phase { STARTING, RUNNING, STOPPING }

    /** One evaluation: ready or not, and the names of what fails. */
    public record Result(boolean ready, Phase phase, List<String> failing) {
    }

    private final Map<String, ReadinessCheck> checks = new ConcurrentHashMap<>();
    private volatile Phase phase = Phase.STARTING;

    /** Adds a check; names are unique. */
    public void register(String name, ReadinessCheck check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("readiness check '" + name + "' is already registered");
        }
    }

    public void markRunning() {
        phase = Phase.RUNNING;
    }

    public void markStopping() {
        phase = Phase.STOPPING;
    }

    public Phase phase() {
        return phase;
    }

    /** Runs every check (in name order, so the answer is stable). */
    public Result evaluate() {
        Phase now = phase;
        if (now != Phase.RUNNING) {
            return new Result(false, now, List.of());
        }
        List<String> failing = new ArrayList<>();
        checks.keySet().stream().sorted().forEach(name -> {
            if (!passes(name, checks.get(name))) {
                failing.add(name);
            }
        });
        return new Result(failing.isEmpty(), now, List.copyOf(failing));
    }

    private static boolean passes(String name, ReadinessCheck check) {
        try {
            return check.isReady();
        } catch (Exception | LinkageError e) {
            LOGGER.atDebug().addKeyValue("check", name).setCause(e).log("readiness check threw");
            return false;
        }
    }
}
