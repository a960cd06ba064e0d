package io.waymark.local;

import io.waymark.local.internal.StopSignals;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Option;

/**
 * The options {@code up} and {@code demo} share ({@code --fresh}, {@code --home}), and the
 * stop-on-signal wiring both need: Ctrl-C or SIGTERM stops whichever stack is running by then.
 */
public final class StackOptions {

    @Option(names = "--fresh", description = "Delete the stack's data directory before starting"
            + " (the demo always starts from empty data).")
    boolean fresh;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Home of the local stack (default: -Dwaymark.home, else ./.waymark).")
    Path home;

    private final AtomicReference<LocalStack> running = new AtomicReference<>();

    /** {@code --home}, else {@link LocalEndpoints#defaultHome()}. */
    Path home() {
        return home != null ? home.toAbsolutePath().normalize() : LocalEndpoints.defaultHome();
    }

    /** Installs the signal handlers; call before starting, then {@link #running(LocalStack)}. */
    void stopOnSignal() {
        StopSignals.install(() -> {
            LocalStack stack = running.get();
            if (stack != null) {
                stack.close();
            }
        });
    }

    /** The stack a signal now stops. */
    void running(LocalStack stack) {
        running.set(stack);
    }
}
