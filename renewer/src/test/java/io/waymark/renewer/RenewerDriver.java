package io.waymark.renewer;

import io.waymark.common.config.Config;
import io.waymark.renewer.internal.AriLookups;
import io.waymark.renewer.internal.ScheduleStores;
import io.waymark.renewer.internal.ScheduleStores.Stored;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.SealedKey;
import io.waymark.schemas.kafka.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The renewer's topology in a TopologyTestDriver whose wall clock the test moves: input topics
 * for certificates and statuses, output topics for orders, statuses and dead letters, and a view
 * of the schedule store.
 */
final class RenewerDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    final RenewerConfig config;
    final RenewerMetrics metrics = RenewerMetrics.inMemory();
    final TopologyTestDriver driver;
    final TestInputTopic<String, CertificateRecord> certificates;
    final TestInputTopic<String, byte[]> rawCertificates;
    final TestInputTopic<String, DomainStatus> statusIn;
    final TestOutputTopic<String, CertificateOrder> orders;
    final TestOutputTopic<String, DomainStatus> statusOut;
    final TestOutputTopic<String, byte[]> dlq;
    private Instant now = T0;

    RenewerDriver(Path stateDir, Map<String, String> overrides, RenewalWindowSource ari) {
        Map<String, String> settings = new HashMap<>(RenewerConfig.DEFAULTS);
        settings.put("kafka.bootstrap-servers", "unused:9092");
        settings.put("kafka.state-dir", stateDir.toString());
        settings.put("kafka.topic-prefix", "t.");
        settings.put("acme.directory", "none");
        settings.put("renew.tick-interval", "1s");
        settings.putAll(overrides);
        config = RenewerConfig.from(Config.of(settings));
        Properties properties = config.streamsProperties();
        properties.put(UndecodableRecordHandler.METRICS, metrics);
        driver = new TopologyTestDriver(RenewerTopology.buildTopology(config, metrics,
                AriLookups.direct(ari, metrics)), properties, T0);
        Topics topics = config.topics();
        certificates = driver.createInputTopic(topics.certificates().name(), Serdes.String().serializer(),
                topics.certificates().valueSerde().serializer());
        rawCertificates = driver.createInputTopic(topics.certificates().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        statusIn = driver.createInputTopic(topics.domainStatus().name(), Serdes.String().serializer(),
                topics.domainStatus().valueSerde().serializer());
        orders = driver.createOutputTopic(topics.certOrders().name(), Serdes.String().deserializer(),
                topics.certOrders().valueSerde().deserializer());
        statusOut = driver.createOutputTopic(topics.domainStatus().name(), Serdes.String().deserializer(),
                topics.domainStatus().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.dlq("renewer").name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    RenewerDriver(Path stateDir, Map<String, String> overrides) {
        this(stateDir, overrides, RenewalWindowSource.NONE);
    }

    /** A certificate of {@code host} valid from {@code notBefore} for {@code lifetime}. */
    static CertificateRecord certificate(String host, long version, Instant notBefore, Duration lifetime) {
        return CertificateRecord.newBuilder()
                .setTrackingHost(host)
                .setSendingDomain(host.substring(host.indexOf('.') + 1))
                .setCertificateChainPem("")
                .setSealedKey(SealedKey.newBuilder().setKeyId("k1").setNonce(ByteBuffer.allocate(12))
                        .setCiphertext(ByteBuffer.allocate(17)).setAlgorithm("EC-P256").build())
                .setSerialHex(Long.toHexString(0xabc000L + version) + Integer.toHexString(host.hashCode() & 0xffff))
                .setNotBefore(notBefore)
                .setNotAfter(notBefore.plus(lifetime))
                .setAriCertId("aki." + host + "." + version)
                .setIssuer("CN=test issuer")
                .setVersion(version)
                .setIssuedAt(notBefore)
                .build();
    }

    void issue(CertificateRecord record) {
        certificates.pipeInput(record.getTrackingHost(), record, now);
    }

    void status(String host, DomainState state, long version) {
        String domain = host.substring(host.indexOf('.') + 1);
        statusIn.pipeInput(domain, DomainStatus.newBuilder().setSendingDomain(domain).setTrackingHost(host)
                .setState(state).setUpdatedAt(now).setVersion(version).build(), now);
    }

    /** Moves the wall clock to {@code instant} (one punctuation fires when a tick is passed). */
    void at(Instant instant) {
        if (instant.isAfter(now)) {
            driver.advanceWallClockTime(Duration.between(now, instant));
            now = instant;
        }
    }

    Instant now() {
        return now;
    }

    List<CertificateOrder> drainOrders() {
        return orders.readValuesToList();
    }

    Optional<Stored> entry(String host) {
        KeyValueStore<String, byte[]> schedule = driver.getKeyValueStore(ScheduleStores.SCHEDULE);
        KeyValueStore<?, byte[]> wake = driver.getKeyValueStore(ScheduleStores.WAKE);
        KeyValueStore<?, byte[]> ready = driver.getKeyValueStore(ScheduleStores.READY);
        @SuppressWarnings("unchecked")
        ScheduleStores stores = new ScheduleStores(schedule, (KeyValueStore) wake, (KeyValueStore) ready);
        return stores.get(host);
    }

    @Override
    public void close() {
        driver.close();
    }
}
