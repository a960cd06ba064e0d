package io.waymark.common.service;

/**
 * One condition the service needs to do useful work (Kafka reachable, certificate store loaded).
 * {@code /readyz} calls every registered check on each request, so a check must be cheap and
 * must not block: report state that the component maintains anyway. A check that throws counts
 * as not ready.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** True when the condition holds now. */
    boolean isReady() throws Exception;
}
