package io.waymark.embedded.internal.kafka;

import io.waymark.embedded.internal.ChildProcess;
import io.waymark.embedded.internal.LogFile;
import io.waymark.embedded.internal.LoopbackPorts;
import io.waymark.embedded.internal.Poll;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A broker is ready when it answers a metadata request and lists itself; until then the
 * child process must stay alive, or the wait ends early with its log. The admin client is
 * created only once the port accepts connections, so it does not log a refused connection
 * every 200 ms while the JVM boots.
 */
public final class KafkaReadiness {

    private KafkaReadiness() {
    }

    public static void await(String bootstrapServers, ChildProcess process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        Poll.until("Kafka port " + process, timeout, Duration.ofMillis(100),
                () -> LoopbackPorts.accepts(port), process::isAlive,
                () -> "log " + process.logFile() + ":\n" + LogFile.tail(process.logFile()));
        Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(5).toNanos()));
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(config)) {
            Poll.until("Kafka " + process, left, Duration.ofMillis(200),
                    () -> answers(admin), process::isAlive,
                    () -> "log " + process.logFile() + ":\n" + LogFile.tail(process.logFile()));
        }
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
