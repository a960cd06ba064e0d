package io.waymark.local;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of the demo as it was printed: what it checked, whether it passed, how long it took
 * and what it saw (or why it failed).
 */
public record DemoStep(String title, boolean passed, Duration took, String detail) {

    public DemoStep {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(detail, "detail");
    }
}
