package io.waymark.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class KafkaIT {

    @Test
    void everyParameterGetsTheSameSharedCluster(KafkaCluster first, KafkaCluster second) {
        // Given / When two parameters resolved by the extension
        // Then they are one cluster on loopback
        assertThat(first).isSameAs(second);
        assertThat(first.bootstrapServers()).isNotBlank();
    }

    @Test
    void producedRecordsAreConsumed(KafkaCluster kafka) throws Exception {
        // Given
        String topic = KafkaClients.uniqueTopic("roundtrip");
        KafkaClients.createTopic(kafka, topic);
        List<String> sent = List.of("one", "two", "three");

        // When
        KafkaClients.produce(kafka, topic, sent);

        // Then
        assertThat(KafkaClients.consume(kafka, topic, sent.size())).containsExactlyElementsOf(sent);
    }

    @Test
    void streamsAppRunsOnTheSharedCluster(KafkaCluster kafka, @TempDir Path stateDir) throws Exception {
        // Given
        String input = KafkaClients.uniqueTopic("lower");
        String output = KafkaClients.uniqueTopic("upper");
        KafkaClients.createTopic(kafka, input);
        KafkaClients.createTopic(kafka, output);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "uppercase-" + input);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        try (KafkaStreams streams = new KafkaStreams(uppercase(input, output), config)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            // When
            KafkaClients.produce(kafka, input, List.of("click", "open"));

            // Then
            assertThat(KafkaClients.consume(kafka, output, 2)).containsExactly("CLICK", "OPEN");
        }
    }

    private static Topology uppercase(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }
}
