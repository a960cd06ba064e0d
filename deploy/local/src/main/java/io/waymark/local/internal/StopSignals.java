package io.waymark.local.internal;

import java.util.List;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an orderly stop of the stack before the JVM exits.
 * A plain shutdown hook is not enough: every hook runs at once, and the child-process reaper's
 * hook would SIGTERM Kafka and Cassandra while the services still flush to them. The handler
 * runs the stop (services first, then the servers), then exits with 128 + the signal number.
 * A shutdown hook remains for any other way the JVM ends.
 */
public final class StopSignals {

    private StopSignals() {
    }

    public static void install(Runnable stop) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    stop.run();
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException e) {
                // the signal cannot be handled here (another handler owns it): the hook below still runs
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "waymark-local-stop"));
    }
}
