package io.waymark.renewer;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * An operator's "renew now" ({@code ./waymark cert renew <host>}): publishes a
 * {@code CertificateOrder REISSUE} for one tracking host to {@code cert-orders}, which the
 * provisioner honours even when the certificate is far from due. Without a sending domain, the
 * host's current certificate is looked up on the compacted {@code certificates} topic (only the
 * partition the host's key hashes to is read) and supplies the domain and the ARI CertID.
 *
 * <pre>
 * String orderId = new RenewNow(Map.of("bootstrap.servers", "localhost:9092"), Topics.defaults())
 *         .reissue("email.example.com", Optional.empty());
 * </pre>
 */
public final class RenewNow {

    /** The host cannot be renewed: invalid, or no certificate and no sending domain given. */
    public static final class RenewNowException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public RenewNowException(String message) {
            super(message);
        }
    }

    private final Map<String, Object> kafka;
    private final Topics topics;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param kafka client settings ({@code bootstrap.servers} at least; security settings as the
     *              cluster needs them)
     */
    public RenewNow(Map<String, Object> kafka, Topics topics) {
        this(kafka, topics, Clock.systemUTC(), Duration.ofSeconds(30));
    }

    public RenewNow(Map<String, Object> kafka, Topics topics, Clock clock, Duration timeout) {
        this.kafka = Map.copyOf(requireNonNull(kafka, "kafka"));
        this.topics = requireNonNull(topics, "topics");
        this.clock = requireNonNull(clock, "clock");
        this.timeout = requireNonNull(timeout, "timeout");
        if (!kafka.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("kafka settings need " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
    }

    /**
     * Publishes a REISSUE for {@code trackingHost}.
     *
     * @param sendingDomain the owning domain; empty to take it from the host's certificate
     * @return the order id
     * @throws RenewNowException when the host is invalid, or has no certificate and no domain was given
     */
    public String reissue(String trackingHost, Optional<String> sendingDomain) {
        String host = canonical(trackingHost, "tracking host");
        Optional<CertificateRecord> current = sendingDomain.isPresent() ? Optional.empty() : currentCertificate(host);
        String domain = sendingDomain.map(d -> canonical(d, "sending domain"))
                .or(() -> current.map(CertificateRecord::getSendingDomain))
                .orElseThrow(() -> new RenewNowException("no certificate for " + host + " on "
                        + topics.certificates().name() + ": give its sending domain to order a new one"));
        CertificateOrder order = CertificateOrder.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .setKind(CertificateOrderKind.REISSUE)
                .setTrackingHost(host)
                .setSendingDomain(domain)
                .setRequestedAt(clock.instant())
                .setReason("operator asked to renew now")
                .setReplacesCertId(current.map(CertificateRecord::getAriCertId).orElse(null))
                .setAttempt(1)
                .build();
        Topic<String, CertificateOrder> orders = topics.certOrders();
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, CertificateOrder> producer = new KafkaProducer<>(settings,
                orders.keySerde().serializer(), orders.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(orders.name(), host, order)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenewNowException("interrupted while ordering a certificate for " + host);
        } catch (ExecutionException | TimeoutException e) {
            throw new RenewNowException("could not publish the order for " + host + " to " + orders.name() + ": "
                    + e.getMessage());
        }
        return order.getOrderId();
    }

    /** The newest certificate of {@code host} on the compacted topic, empty after a tombstone. */
    Optional<CertificateRecord> currentCertificate(String host) {
        Topic<String, CertificateRecord> certificates = topics.certificates();
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings,
                certificates.keySerde().deserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(certificates.name(), timeout);
            if (partitions == null || partitions.isEmpty()) {
                throw new RenewNowException("topic " + certificates.name() + " does not exist");
            }
            // the partition the default partitioner chose for this key
            int p = Utils.toPositive(Utils.murmur2(host.getBytes(StandardCharsets.UTF_8))) % partitions.size();
            TopicPartition partition = new TopicPartition(certificates.name(), p);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            Optional<CertificateRecord> newest = Optional.empty();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new RenewNowException("reading " + certificates.name() + " for " + host + " timed out");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (host.equals(record.key())) {
                        newest = decode(certificates, record);
                    }
                }
            }
            return newest;
        }
    }

    /** The record's certificate; a tombstone or bytes that do not decode count as none. */
    private static Optional<CertificateRecord> decode(Topic<String, CertificateRecord> topic,
                                                      ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.ofNullable(topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String canonical(String name, String what) {
        try {
            return Hostname.parse(requireNonNull(name, what)).ascii();
        } catch (RuntimeException e) {
            throw new RenewNowException("invalid " + what + " '" + name + "': " + e.getMessage());
        }
    }
}
