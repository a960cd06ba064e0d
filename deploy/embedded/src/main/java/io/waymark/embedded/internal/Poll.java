package io.waymark.embedded.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a server to become ready: checks a condition at a fixed interval until it holds
 * or a deadline passes. Used only on the launching thread, never on an I/O thread.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * Returns once {@code condition} holds; throws {@link IllegalStateException} with
     * {@code whatFailed}'s text when the deadline passes or {@code stillWorthWaiting} turns false.
     */
    public static void until(String what, Duration timeout, Duration interval, BooleanSupplier condition,
            BooleanSupplier stillWorthWaiting, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!stillWorthWaiting.getAsBoolean()) {
                throw new IllegalStateException(what + " gave up: " + whatFailed.get());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + " not ready after " + timeout + ": " + whatFailed.get());
            }
            LockSupport.parkNanos(interval.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted while waiting");
            }
        }
    }

    /** Convenience for a condition that has no process to watch. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, Duration.ofMillis(100), condition, () -> true, () -> "condition never held");
    }
}
