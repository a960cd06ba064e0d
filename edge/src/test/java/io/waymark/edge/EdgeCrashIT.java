package io.waymark.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.FreePorts;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.KafkaProcess;
import io.waymark.schemas.TrackingEvent;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool survives {@code kill -9} of the edge process itself: with the broker down, an edge in
 * its own JVM redirects 300 clicks and spools their events, is SIGKILLed, and a new edge process
 * on the same spool directory delivers every one of them once the broker is back.
 */
@ExtendWith(KafkaExtension.class)
class EdgeCrashIT {

    private static final String HOST = "email.crash.example";
    private static final int CLICKS = 300;
    private static final Pattern APPENDED =
            Pattern.compile("^waymark_edge_spool_total\\{[^}]*outcome=\"appended\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE);

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void spooledEventsSurviveKillNineOfTheEdge(KafkaProcess broker) throws Exception {
        Path spool = directory.resolve("spool");
        try (EdgeFixture fixture = EdgeFixture.withoutService(broker.bootstrapServers(), spool)) {
            // Given an edge process serving one host, and the broker gone
            fixture.publish(HOST, fixture.pki().issue(HOST), 1);
            int[] ports = FreePorts.distinct(2); // two separate probes can return the same port
            int httpsPort = ports[0];
            int adminPort = ports[1];
            Map<String, String> settings = fixture.settings(Map.of("edge.https.port", Integer.toString(httpsPort),
                    "admin.port", Integer.toString(adminPort), "edge.kafka.delivery-timeout", "5s",
                    "edge.spool.fsync-interval", "1s"));
            Process edge = startEdge(settings, "first");
            try {
                awaitReady(adminPort);
                broker.kill();

                // When clicks arrive, are redirected and spooled, and the edge is killed with SIGKILL
                Set<String> messageIds = new HashSet<>();
                try (TlsClient client = new TlsClient(httpsPort, HOST, fixture.pki().root())) {
                    for (int i = 0; i < CLICKS; i++) {
                        String messageId = "crash-" + i;
                        messageIds.add(messageId);
                        TlsClient.Response response = client.get(HOST,
                                "/c/" + fixture.click(HOST, messageId, "https://shop.example/" + i));
                        assertThat(response.status()).as("click %d", i).isEqualTo(302);
                    }
                }
                // the documented loss bound of kill -9 is the in-memory hand-off queue: wait until it is empty
                await().atMost(Duration.ofSeconds(30)).until(() -> appended(adminPort) >= CLICKS);
                edge.destroyForcibly();
                assertThat(edge.waitFor(30, TimeUnit.SECONDS)).isTrue();

                // Then a new edge on the same spool, with the broker back, delivers all of them
                broker.restart();
                edge = startEdge(settings, "second");
                Map<String, Integer> eventIds = new HashMap<>();
                Set<String> delivered = new HashSet<>();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    for (ConsumerRecord<String, TrackingEvent> record : fixture.poll(Duration.ofMillis(500))) {
                        eventIds.merge(record.value().getEventId(), 1, Integer::sum);
                        delivered.add(record.value().getMessageId());
                    }
                    return delivered.size() == CLICKS;
                });
                assertThat(delivered).isEqualTo(messageIds);
                assertThat(eventIds).hasSize(CLICKS);
            } finally {
                edge.destroyForcibly();
                edge.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code EdgeMain} with {@code settings}, as a child JVM on this JVM's classpath. */
    private Process startEdge(Map<String, String> settings, String name) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path config = directory.resolve("edge-" + name + ".properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "edge under test");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), EdgeMain.class.getName(), "--config", config.toString()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(directory.resolve("edge-" + name + ".log").toFile());
        return builder.start();
    }

    private void awaitReady(int adminPort) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private double appended(int adminPort) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = APPENDED.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
