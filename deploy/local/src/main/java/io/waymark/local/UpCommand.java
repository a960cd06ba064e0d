package io.waymark.local;

import io.waymark.local.internal.PortGuard;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code waymark up}: starts the whole local stack (Pebble, Kafka, Cassandra, the topics and
 * every service) on its fixed loopback ports, prints each part's start-up as it happens and
 * runs until Ctrl-C or SIGTERM, then stops everything. Exits 2 when a port is taken (nothing
 * started), 1 when a part fails to start or exits on its own.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run Kafka, Cassandra, Pebble and every Waymark service on this machine until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options = new StackOptions();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path dir = options.home();
        out.println("Waymark local stack in " + dir + (options.fresh ? " (fresh: data deleted)" : ""));
        options.stopOnSignal();
        LocalStack stack;
        try {
            stack = LocalStack.start(dir, LocalPorts.defaults(), options.fresh, out);
        } catch (PortGuard.PortInUseException e) {
            System.err.println("waymark up: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("waymark up: start-up failed, everything started was stopped: " + e.getMessage());
            return 1;
        }
        options.running(stack);
        printEndpoints(out, stack.endpoints());
        String exited = stack.awaitUnexpectedExit();
        if (stack.stopping()) {
            // Ctrl-C or SIGTERM: the signal handler stops the stack and ends the JVM
            stack.awaitStopped();
            return 0;
        }
        System.err.printf(Locale.ROOT, "waymark up: %s exited on its own (see %s); stopping the stack%n", exited,
                dir.resolve("logs").resolve(exited + ".log"));
        stack.close();
        return 1;
    }

    static void printEndpoints(PrintStream out, LocalEndpoints endpoints) {
        out.printf(Locale.ROOT, "%nReady. Kafka %s (topics %s*), Cassandra %s (%s), edge http :%d https :%d,"
                        + " ACME %s%nEndpoints in %s; logs in %s. Ctrl-C stops everything.%n",
                endpoints.kafkaBootstrapServers(), endpoints.topicPrefix(), endpoints.cassandraContactPoint(),
                endpoints.cassandraDatacenter(), endpoints.edgeHttpPort(), endpoints.edgeHttpsPort(),
                endpoints.acmeDirectory(), endpoints.home().resolve("stack.properties"),
                endpoints.home().resolve("logs"));
        out.flush();
    }
}
