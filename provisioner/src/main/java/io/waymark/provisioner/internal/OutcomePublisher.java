package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.kafka.ChallengeKey;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Everything the provisioner writes to Kafka, each write acknowledged by all in-sync replicas
 * before the call returns: challenges and their tombstones, certificates, statuses, tombstones
 * on DELETE, dead letters. Returning only when durable is what lets the consumer commit an
 * offset right after (nothing is lost on a crash). Idempotent producer, so retries inside the
 * client never duplicate a record.
 */
final class OutcomePublisher implements ChallengeSink, AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final Clock clock;

    OutcomePublisher(String bootstrapServers, Topics topics, Clock clock) {
        this.topics = requireNonNull(topics, "topics");
        this.clock = requireNonNull(clock, "clock");
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "waymark-provisioner",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topics.dlq("provisioner").maxMessageBytes(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 5_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(AcmeChallenge challenge) throws ProvisioningException {
        ChallengeKey key = new ChallengeKey(challenge.getTrackingHost(), challenge.getToken());
        send(topics.acmeChallenges(), key.toString(), challenge);
    }

    @Override
    public void remove(ChallengeKey key) throws ProvisioningException {
        send(topics.acmeChallenges(), key.toString(), null);
    }

    void certificate(CertificateRecord record) throws ProvisioningException {
        send(topics.certificates(), record.getTrackingHost(), record);
    }

    void removeCertificate(String trackingHost) throws ProvisioningException {
        send(topics.certificates(), trackingHost, null);
    }

    void status(DomainStatus status) throws ProvisioningException {
        send(topics.domainStatus(), status.getSendingDomain(), status);
    }

    void removeStatus(String sendingDomain) throws ProvisioningException {
        send(topics.domainStatus(), sendingDomain, null);
    }

    /** The original bytes to {@code dlq.provisioner}, the error in {@link DeadLetterHeaders}. */
    void deadLetter(ConsumerRecord<String, byte[]> record, Exception error) throws ProvisioningException {
        RecordHeaders headers = new RecordHeaders();
        header(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        header(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        header(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        header(headers, DeadLetterHeaders.SERVICE, "provisioner");
        header(headers, DeadLetterHeaders.ERROR_CLASS, error.getClass().getName());
        header(headers, DeadLetterHeaders.ERROR_MESSAGE, String.valueOf(error.getMessage()));
        header(headers, DeadLetterHeaders.FAILED_AT, Long.toString(clock.millis()));
        Topic<String, byte[]> dlq = topics.dlq("provisioner");
        await(new ProducerRecord<>(dlq.name(), null, record.key(), record.value(), headers));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private <V> void send(Topic<String, V> topic, String key, V value) throws ProvisioningException {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        await(new ProducerRecord<>(topic.name(), key, bytes));
    }

    private void await(ProducerRecord<String, byte[]> record) throws ProvisioningException {
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ProvisioningException.transientFailure("cannot write to " + record.topic() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProvisioningException.transientFailure("interrupted writing to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
