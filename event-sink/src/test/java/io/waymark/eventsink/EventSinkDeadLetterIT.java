package io.waymark.eventsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.CassandraExtension;
import io.waymark.embedded.CassandraNode;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records the sink cannot store (bytes that are not Avro, a tombstone, a kind this release does
 * not know, a click without a URL) go to {@code dlq.event-sink} with their original bytes and the
 * reason; the good records around them are stored and the service stays ready.
 */
@ExtendWith({KafkaExtension.class, CassandraExtension.class})
class EventSinkDeadLetterIT {

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheRestIsStored(KafkaCluster kafka, CassandraNode cassandra)
            throws Exception {
        try (SinkHarness world = new SinkHarness(kafka, cassandra)) {
            // Given good events with poison records between them, all with the key "poison"
            List<TrackingEvent> good = EventFixtures.generate(3, 200, 2, 50, Instant.now());
            world.produce(good.subList(0, 100));
            byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
            world.produceRaw("poison", garbage);
            world.produceRaw("poison", null);
            TrackingEvent unknownKind = TrackingEvent.newBuilder(good.get(0))
                    .setEventId(UUID.randomUUID().toString()).setKind(TrackingEventKind.UNKNOWN).build();
            byte[] unknownBytes = world.events.valueSerde().serializer().serialize(world.events.name(), unknownKind);
            world.produceRaw("poison", unknownBytes);
            TrackingEvent clickWithoutUrl = TrackingEvent.newBuilder(good.get(1))
                    .setEventId(UUID.randomUUID().toString()).setKind(TrackingEventKind.CLICK).setUrl(null)
                    .setLinkIndex(1).build();
            world.produceRaw("poison", world.events.valueSerde().serializer().serialize(world.events.name(),
                    clickWithoutUrl));
            world.produce(good.subList(100, 200));

            // When the sink consumes the topic
            SinkHarness.Sink sink = world.start("sink-dlq", Map.of());
            world.awaitCaughtUp("sink-dlq", Duration.ofMinutes(3));

            // Then the good events are all stored
            assertThat(world.count("events_by_domain")).isEqualTo(200);
            assertThat(world.count("events_by_message")).isEqualTo(200);

            // and each poison record is in the dead-letter topic, original bytes and a reason
            List<ConsumerRecord<String, byte[]>> letters = readDeadLetters(world, 4);
            assertThat(letters).extracting(ConsumerRecord::key).containsOnly("poison");
            assertThat(letters.get(0).value()).isEqualTo(garbage);
            assertThat(letters.get(1).value()).isNull();
            assertThat(letters.get(2).value()).isEqualTo(unknownBytes);
            assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_CLASS))
                    .isEqualTo("io.waymark.schemas.kafka.WaymarkSerdeException");
            assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_MESSAGE)).contains(world.events.name());
            assertThat(header(letters.get(1), DeadLetterHeaders.ERROR_MESSAGE)).contains("tombstone");
            assertThat(header(letters.get(2), DeadLetterHeaders.ERROR_MESSAGE)).contains("UNKNOWN");
            assertThat(header(letters.get(3), DeadLetterHeaders.ERROR_MESSAGE)).contains("no url");
            for (ConsumerRecord<String, byte[]> letter : letters) {
                assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(world.events.name());
                assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("event-sink");
                assertThat(Long.parseLong(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET))).isNotNegative();
                assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isNotBlank();
                assertThat(header(letter, DeadLetterHeaders.FAILED_AT)).isNotBlank();
            }

            // and the service stays ready and reports the dead letters by reason
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + sink.runtime().adminPort();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("waymark_event_sink_dead_letters_total\\{[^}]*reason=\"decode\"[^}]*} 1.0")
                    .containsPattern("waymark_event_sink_dead_letters_total\\{[^}]*reason=\"schema\"[^}]*} 2.0")
                    .containsPattern("waymark_event_sink_dead_letters_total\\{[^}]*reason=\"tombstone\"[^}]*} 1.0")
                    .contains("waymark_event_sink_events_written_total");
            sink.stop();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(SinkHarness world, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, world.kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(world.dlq.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return letters.size() >= expected;
            });
        }
        // every poison record went to the same partition (same key): order them by original offset
        letters.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(header(r, DeadLetterHeaders.ORIGINAL_OFFSET))));
        assertThat(letters).hasSize(expected);
        return letters;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
