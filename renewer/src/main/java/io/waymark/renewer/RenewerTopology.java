package io.waymark.renewer;

import io.waymark.renewer.internal.AriLookups;
import io.waymark.renewer.internal.OrderBucket;
import io.waymark.renewer.internal.RenewalProcessor;
import io.waymark.renewer.internal.ScheduleStores;
import io.waymark.renewer.internal.StatusLoader;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.kafka.Topic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The renewer's topology (Processor API):
 *
 * <pre>
 *   domain-status ──▶ global store (every instance holds every domain's status)
 *   certificates ──▶ schedule processor ── stores: schedule, wake index, ready index (RocksDB)
 *                         │ wall-clock punctuation
 *                         ├──▶ cert-orders     (RENEWAL, soonest expiry first, rate-capped)
 *                         ├──▶ domain-status   (DEGRADED / EXPIRED from the guard)
 *                         └──▶ dlq.renewer     (records that make no sense)
 * </pre>
 *
 * The schedule is partitioned like {@code certificates} (by tracking host); the global status
 * store is looked up by the certificate's sending domain, so nothing is repartitioned.
 */
public final class RenewerTopology {

    /** The global store of {@code domain-status}. */
    public static final String STATUS_STORE = "renewer-domain-status";

    private RenewerTopology() {
    }

    /** The topology: changelogged RocksDB stores, ARI lookups through {@code lookups}. */
    public static Topology buildTopology(RenewerConfig config, RenewerMetrics metrics, AriLookups lookups) {
        Topic<String, CertificateRecord> certificates = config.topics().certificates();
        Topic<String, DomainStatus> status = config.topics().domainStatus();
        Topic<String, CertificateOrder> orders = config.topics().certOrders();
        Topic<String, byte[]> dlq = config.topics().dlq(RenewerConfig.SERVICE);
        RenewalProcessor.Settings settings = new RenewalProcessor.Settings(config.policy(),
                new OrderBucket(config.rateCapacity(), config.ratePeriod()), lookups, metrics,
                config.tickInterval(), config.tickMaxEntries(), config.acmeDirectory().isPresent(),
                STATUS_STORE, certificates.name(), certificates.valueSerde().serializer());

        Topology topology = new Topology();
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
                        status.keySerde(), status.valueSerde()).withLoggingDisabled(),
                "domain-status-source", status.keySerde().deserializer(), status.valueSerde().deserializer(),
                status.name(), "domain-status-loader", () -> new StatusLoader(STATUS_STORE));
        topology.addSource("certificates-source", certificates.keySerde().deserializer(),
                certificates.valueSerde().deserializer(), certificates.name());
        topology.addProcessor("schedule", () -> new RenewalProcessor(settings), "certificates-source");
        topology.addStateStore(store(ScheduleStores.SCHEDULE, Serdes.String()), "schedule");
        topology.addStateStore(store(ScheduleStores.WAKE, Serdes.Bytes()), "schedule");
        topology.addStateStore(store(ScheduleStores.READY, Serdes.Bytes()), "schedule");
        topology.addSink(RenewalProcessor.ORDER_SINK, orders.name(), orders.keySerde().serializer(),
                orders.valueSerde().serializer(), "schedule");
        topology.addSink(RenewalProcessor.STATUS_SINK, status.name(), status.keySerde().serializer(),
                status.valueSerde().serializer(), "schedule");
        topology.addSink(RenewalProcessor.DLQ_SINK, dlq.name(), dlq.keySerde().serializer(),
                dlq.valueSerde().serializer(), "schedule");
        return topology;
    }

    /** A schedule store: RocksDB, changelogged (the schedule survives the loss of a machine). */
    public static <K> StoreBuilder<KeyValueStore<K, byte[]>> store(String name, Serde<K> keys) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, Serdes.ByteArray());
    }
}
