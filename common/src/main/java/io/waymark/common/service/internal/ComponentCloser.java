package io.waymark.common.service.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes components newest first within one time budget; see the package documentation. Returns
 * the names of components that failed or did not finish in time, so the caller can log one
 * summary line.
 */
public final class ComponentCloser {

    private static final Logger LOGGER = LoggerFactory.getLogger(ComponentCloser.class);

    // Once the budget is spent, later components still get their close() called and this long
    // to finish: skipping them would leave e.g. producers unflushed for no gain.
    private static final long GRACE_MILLIS = 100;

    /** A registered component and its name for logs. */
    public record Component(String name, AutoCloseable resource) {
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(resource, "resource");
        }
    }

    private ComponentCloser() {
    }

    /** Closes {@code components} in reverse order; returns the names that failed or timed out. */
    public static List<String> closeInReverse(List<Component> components, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = new ArrayList<>();
        for (int i = components.size() - 1; i >= 0; i--) {
            Component component = components.get(i);
            long remainingMillis = Math.max(GRACE_MILLIS, (deadline - System.nanoTime()) / 1_000_000);
            if (!close(component, remainingMillis)) {
                problems.add(component.name());
            }
        }
        return problems;
    }

    private static boolean close(Component component, long waitMillis) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            try {
                component.resource().close();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "close-" + component.name());
        closer.setDaemon(true);
        long start = System.nanoTime();
        closer.start();
        try {
            closer.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        if (closer.isAlive()) {
            LOGGER.atWarn().addKeyValue("component", component.name()).addKeyValue("waitedMs", tookMillis)
                    .log("component did not close in time; continuing shutdown");
            return false;
        }
        if (failure.get() != null) {
            LOGGER.atWarn().addKeyValue("component", component.name()).setCause(failure.get())
                    .log("component failed to close");
            return false;
        }
        LOGGER.atDebug().addKeyValue("component", component.name()).addKeyValue("tookMs", tookMillis)
                .log("component closed");
        return true;
    }
}
