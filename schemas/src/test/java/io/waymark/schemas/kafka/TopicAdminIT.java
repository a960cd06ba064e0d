package io.waymark.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.SampleRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class TopicAdminIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void createsEveryTopicOnceAndFindsNothingToDoTheSecondTime(KafkaCluster kafka) {
        // Given a fresh prefix on the shared cluster
        Topics topics = freshTopics();
        List<String> names = topics.all().stream().map(Topic::name).toList();

        try (Admin admin = admin(kafka)) {
            TopicAdmin topicAdmin = new TopicAdmin(admin);

            // When
            TopicReport first = topicAdmin.ensure(topics.all());
            TopicReport second = topicAdmin.ensure(topics.all());

            // Then
            assertThat(first.created()).containsExactlyInAnyOrderElementsOf(names);
            assertThat(first.existing()).isEmpty();
            assertThat(first.drifts()).isEmpty();
            assertThat(second.created()).isEmpty();
            assertThat(second.existing()).containsExactlyInAnyOrderElementsOf(names);
            assertThat(second.drifts()).isEmpty();
        }
    }

    @Test
    void reportsTopicsWhoseSettingsDrifted(KafkaCluster kafka) throws Exception {
        // Given topics created from the catalog, then changed behind its back
        Topics topics = freshTopics();
        try (Admin admin = admin(kafka)) {
            TopicAdmin topicAdmin = new TopicAdmin(admin);
            topicAdmin.ensure(topics.all());
            ConfigResource outbound = new ConfigResource(ConfigResource.Type.TOPIC, topics.outbound().name());
            admin.incrementalAlterConfigs(Map.of(outbound, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "1048576"), AlterConfigOp.OpType.SET)))).all().get();
            int grown = topics.trackingEvents().partitions() + 2;
            admin.createPartitions(Map.of(topics.trackingEvents().name(), NewPartitions.increaseTo(grown)))
                    .all().get();

            // When
            TopicReport report = await().atMost(TIMEOUT).until(() -> topicAdmin.ensure(topics.all()),
                    r -> r.drifts().size() == 2);

            // Then
            assertThat(report.created()).isEmpty();
            assertThat(report.hasDrift()).isTrue();
            assertThat(report.drifts()).containsExactlyInAnyOrder(
                    new TopicDrift(topics.outbound().name(), "max.message.bytes",
                            Integer.toString(topics.outbound().maxMessageBytes()), "1048576"),
                    new TopicDrift(topics.trackingEvents().name(), TopicDrift.PARTITIONS,
                            Integer.toString(topics.trackingEvents().partitions()), Integer.toString(grown)));
        }
    }

    @Test
    void concurrentRunsCreateEachTopicExactlyOnce(KafkaCluster kafka) {
        // Given two operators running the routine at the same moment
        Topics topics = freshTopics();
        try (Admin one = admin(kafka); Admin two = admin(kafka)) {

            // When
            CompletableFuture<TopicReport> a = CompletableFuture.supplyAsync(
                    () -> new TopicAdmin(one, Optional.of((short) 1), TIMEOUT).ensure(topics.all()));
            CompletableFuture<TopicReport> b = CompletableFuture.supplyAsync(
                    () -> new TopicAdmin(two, Optional.of((short) 1), TIMEOUT).ensure(topics.all()));
            TopicReport ra = a.join();
            TopicReport rb = b.join();

            // Then every topic is created by exactly one of them, and neither fails
            List<String> created = new ArrayList<>(ra.created());
            created.addAll(rb.created());
            assertThat(created).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(topics.all().stream().map(Topic::name).toList());
        }
    }

    @Test
    void everyRecordTypeTravelsThroughItsTopic(KafkaCluster kafka) {
        // Given
        Topics topics = freshTopics();
        try (Admin admin = admin(kafka)) {
            new TopicAdmin(admin).ensure(topics.all());
        }

        // When / Then
        roundTrip(kafka, topics.domainEvents(), "example.com", SampleRecords.domainEvent());
        roundTrip(kafka, topics.certOrders(), "email.example.com", SampleRecords.certificateOrder());
        roundTrip(kafka, topics.acmeChallenges(),
                new ChallengeKey("email.example.com", SampleRecords.acmeChallenge().getToken()).toString(),
                SampleRecords.acmeChallenge());
        roundTrip(kafka, topics.certificates(), "email.example.com", SampleRecords.certificateRecord());
        roundTrip(kafka, topics.domainStatus(), "example.com", SampleRecords.domainStatus());
        roundTrip(kafka, topics.outbound(), "msg-1", SampleRecords.outboundMessage());
        roundTrip(kafka, topics.outboundTracked(), "msg-1", SampleRecords.outboundMessage());
        roundTrip(kafka, topics.trackingEvents(), "msg-1", SampleRecords.trackingEvent());
        roundTrip(kafka, topics.dlq("edge"), "msg-1", new byte[] {1, 2, 3});
        roundTrip(kafka, topics.certificates(), "gone.example.com", null);
    }

    private static <K, V> void roundTrip(KafkaCluster kafka, Topic<K, V> topic, K key, V value) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topic.maxMessageBytes()),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
             KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, topic.maxMessageBytes()),
                     topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();

            Collection<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<K, V>> received = new ArrayList<>();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(key)) {
                        received.add(r);
                    }
                });
                assertThat(received).as(topic.name()).hasSize(1);
            });
            assertThat(received.get(0).value()).as(topic.name()).isEqualTo(value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + topic.name(), e);
        }
    }

    private static Topics freshTopics() {
        // the cluster is shared by the whole failsafe JVM: each test gets its own names;
        // partitions capped to keep the single test broker light
        return Topics.withPrefix("it-" + UUID.randomUUID().toString().substring(0, 8) + ".").withMaxPartitions(4);
    }

    private static Admin admin(KafkaCluster kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
