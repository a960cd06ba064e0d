package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.common.config.Config;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.CassandraExtension;
import io.waymark.embedded.CassandraNode;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.eventsink.EventSinkConfig;
import io.waymark.eventsink.EventSinkService;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clicks and opens from Kafka ({@code events tail}) and, through the real event sink, from
 * Cassandra ({@code events list}).
 */
@ExtendWith({KafkaExtension.class, CassandraExtension.class})
class EventsCommandIT {

    @TempDir
    Path home;

    private TestKafka kafka;
    private TrackingEvent click;
    private TrackingEvent open;

    @BeforeEach
    void setUp(KafkaCluster cluster) {
        kafka = TestKafka.withFreshTopics(cluster.bootstrapServers());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        click = event(TrackingEventKind.CLICK, "m-" + UUID.randomUUID(), now.minusSeconds(60));
        open = event(TrackingEventKind.OPEN, click.getMessageId(), now.minusSeconds(120));
    }

    @Test
    void tailPrintsEachEventAsOneJsonLine() throws Exception {
        // Given one event before the tail starts
        kafka.produce(kafka.topics().trackingEvents(), open.getMessageId(), open);

        // When tailing from the end, an event published after its start is printed (the click is
        // published again until the tail has seen one: its start is not observable from here)
        CompletableFuture<CliRun> tail = CompletableFuture.supplyAsync(() ->
                CliRun.run(kafka.environment(home), "events", "tail", "--limit", "1"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            kafka.produce(kafka.topics().trackingEvents(), click.getMessageId(), click);
            return tail.isDone();
        });
        CliRun fromEnd = tail.join();

        // And from the beginning, both
        CliRun fromStart = CliRun.run(kafka.environment(home), "events", "tail", "--from-beginning", "--limit", "2");

        // Then
        assertThat(fromEnd.exitCode()).as(fromEnd.toString()).isZero();
        assertThat(fromEnd.out().lines().toList()).hasSize(1).first().asString()
                .startsWith("{\"topic\":\"" + kafka.topics().trackingEvents().name() + "\"")
                .contains("\"eventId\":\"" + click.getEventId() + "\"", "\"kind\":\"CLICK\"");
        assertThat(fromStart.out().lines().toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains(open.getEventId()))
                .anySatisfy(l -> assertThat(l).contains(click.getEventId()));
    }

    @Test
    void tailRunsUntilStopped() throws Exception {
        // Given an event, and the command line as its own process following the topic
        kafka.produce(kafka.topics().trackingEvents(), open.getMessageId(), open);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WaymarkCli.class.getName(), "events", "tail",
                "--from-beginning").redirectErrorStream(true);
        builder.environment().put("WAYMARK_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        builder.environment().put("WAYMARK_KAFKA_TOPIC_PREFIX", kafka.topics().prefix());
        Process tail = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(tail.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append(e);
            }
        });
        reader.start();
        try {
            // When it printed the event and one published while it runs...
            await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().contains(open.getEventId()));
            kafka.produce(kafka.topics().trackingEvents(), click.getMessageId(), click);
            await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().contains(click.getEventId()));
            assertThat(tail.isAlive()).isTrue();

            // ...and is stopped: SIGTERM runs the same shutdown hook as Ctrl-C (SIGINT itself is
            // ignored by processes started in the background, as a build may be)
            tail.destroy();

            // Then it stops on its own, having printed both events
            assertThat(tail.waitFor(30, TimeUnit.SECONDS)).as("tail stopped after SIGTERM").isTrue();
            reader.join(10_000);
            assertThat(output.toString().lines().filter(l -> l.startsWith("{"))).hasSize(2);
        } finally {
            tail.destroyForcibly();
        }
    }

    @Test
    void listReadsWhatTheEventSinkStored(KafkaCluster cluster, CassandraNode cassandra) throws Exception {
        // Given the real event sink on this prefix and a keyspace of its own, and two events
        String keyspace = "cli_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String contactPoint = cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort();
        Map<String, String> sink = new HashMap<>(ServiceRuntime.defaults(new EventSinkService()));
        sink.put(EventSinkConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
        sink.put(EventSinkConfig.TOPIC_PREFIX, kafka.topics().prefix());
        sink.put(EventSinkConfig.GROUP_ID, "cli-it-" + UUID.randomUUID());
        sink.put(EventSinkConfig.CONTACT_POINTS, contactPoint);
        sink.put(EventSinkConfig.LOCAL_DATACENTER, cassandra.localDatacenter());
        sink.put(EventSinkConfig.KEYSPACE, keyspace);
        sink.put(EventSinkConfig.DOMAIN_BUCKETS, "4");
        sink.put("admin.host", "127.0.0.1");
        sink.put("admin.port", "0");
        kafka.produce(kafka.topics().trackingEvents(), click.getMessageId(), click);
        kafka.produce(kafka.topics().trackingEvents(), open.getMessageId(), open);
        CliEnvironment environment = CliRun.environment(home, Map.of(
                "WAYMARK_CASSANDRA_CONTACT_POINTS", contactPoint,
                "WAYMARK_CASSANDRA_LOCAL_DATACENTER", cassandra.localDatacenter(),
                "WAYMARK_CASSANDRA_KEYSPACE", keyspace,
                "WAYMARK_EVENT_SINK_DOMAIN_BUCKETS", "4"));

        try (ServiceRuntime runtime = ServiceRuntime.start(EventSinkService.NAME, Config.of(sink),
                new EventSinkService())) {
            // When listed by message, once the sink stored both
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(CliRun.run(environment, "events", "list", "--message", click.getMessageId()).out())
                            .contains("2 events"));
            CliRun byMessage = CliRun.run(environment, "events", "list", "--message", click.getMessageId());
            CliRun byDomain = CliRun.run(environment, "events", "list", "--domain", "Shop.Example", "--since", "1h");
            CliRun tooOld = CliRun.run(environment, "events", "list", "--domain", "shop.example", "--since",
                    click.getOccurredAt().minusSeconds(1).toString());

            // Then newest first, with their fields
            assertThat(byMessage.exitCode()).as(byMessage.toString()).isZero();
            List<String> lines = byMessage.out().lines().toList();
            assertThat(lines.get(0)).startsWith("OCCURRED AT");
            assertThat(lines.get(1)).startsWith(click.getOccurredAt().toString()).contains("CLICK", "shop.example",
                    click.getMessageId(), click.getRecipient(), " 3 ", "https://www.shop.example/boots");
            assertThat(lines.get(2)).startsWith(open.getOccurredAt().toString()).contains("OPEN");
            assertThat(byDomain.out()).contains(click.getMessageId()).contains("2 events");
            assertThat(tooOld.out()).contains("CLICK").doesNotContain("OPEN").contains("1 events");
        }
    }

    @Test
    void listWithoutTheSinksKeyspaceSaysWhatToCheck(CassandraNode cassandra) {
        String contactPoint = cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort();
        CliEnvironment environment = CliRun.environment(home, Map.of(
                "WAYMARK_CASSANDRA_CONTACT_POINTS", contactPoint,
                "WAYMARK_CASSANDRA_LOCAL_DATACENTER", cassandra.localDatacenter(),
                "WAYMARK_CASSANDRA_KEYSPACE", "no_such_keyspace"));

        CliRun run = CliRun.run(environment, "events", "list", "--message", "m-1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(run.err()).contains("cannot read the event tables in keyspace no_such_keyspace")
                .contains("has the event sink run there? Set WAYMARK_CASSANDRA_KEYSPACE");
    }

    private static TrackingEvent event(TrackingEventKind kind, String messageId, Instant at) {
        boolean isClick = kind == TrackingEventKind.CLICK;
        return TrackingEvent.newBuilder()
                .setKind(kind)
                .setEventId(UUID.randomUUID().toString())
                .setMessageId(messageId)
                .setSendingDomain("shop.example")
                .setTrackingHost("email.shop.example")
                .setRecipient("0123456789abcdef01234567")
                .setOccurredAt(at)
                .setUrl(isClick ? "https://www.shop.example/boots" : null)
                .setLinkIndex(isClick ? 3 : null)
                .setUserAgent("Mozilla/5.0")
                .setAnonymisedIp("203.0.113.0")
                .setBot(false)
                .build();
    }
}
