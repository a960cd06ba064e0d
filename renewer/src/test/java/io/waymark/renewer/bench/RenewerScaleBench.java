package io.waymark.renewer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.config.Config;
import io.waymark.renewer.RenewalWindowSource;
import io.waymark.renewer.RenewerConfig;
import io.waymark.renewer.RenewerMetrics;
import io.waymark.renewer.RenewerTopology;
import io.waymark.renewer.internal.AriLookups;
import io.waymark.renewer.internal.OrderBucket;
import io.waymark.renewer.internal.RenewalProcessor;
import io.waymark.renewer.internal.ScheduleStores;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.SealedKey;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * One million certificates in the renewer's real RocksDB stores through the real processor, then:
 * heap after GC, the stores' size on disk, and the cost of a punctuation that finds nothing due,
 * next to two peers measured in the same run: a bare {@code range()} on the same wake store, and
 * the same schedule as an on-heap {@code TreeMap} (its heap and its {@code subMap} scan).
 * Run on demand (not part of {@code verify}): see {@code docs/benchmarks.md}.
 */
class RenewerScaleBench {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int CERTIFICATES = Integer.getInteger("waymark.bench.certificates", 1_000_000);
    private static final int TICKS = Integer.getInteger("waymark.bench.ticks", 5_000);

    @Test
    void oneMillionCertificates() throws Exception {
        Path stateDir = Files.createTempDirectory(Path.of("target"), "renewer-bench-");
        long baseline = heapAfterGc();
        Map<String, String> settings = new HashMap<>(RenewerConfig.DEFAULTS);
        settings.put("kafka.bootstrap-servers", "unused:9092");
        settings.put("kafka.state-dir", stateDir.toString());
        settings.put("acme.directory", "none");
        RenewerConfig config = RenewerConfig.from(Config.of(settings));
        Properties properties = config.streamsProperties();
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<String, Object> context = new MockProcessorContext<>(properties,
                new TaskId(0, 0), stateDir.toFile());
        KeyValueStore<String, byte[]> schedule = open(context, ScheduleStores.SCHEDULE, Serdes.String());
        KeyValueStore<Bytes, byte[]> wake = open(context, ScheduleStores.WAKE, Serdes.Bytes());
        KeyValueStore<Bytes, byte[]> ready = open(context, ScheduleStores.READY, Serdes.Bytes());
        KeyValueStore<String, byte[]> status = open(context, RenewerTopology.STATUS_STORE, Serdes.String());
        RenewerMetrics metrics = RenewerMetrics.inMemory();
        RenewalProcessor processor = new RenewalProcessor(new RenewalProcessor.Settings(config.policy(),
                new OrderBucket(config.rateCapacity(), config.ratePeriod()),
                AriLookups.direct(RenewalWindowSource.NONE, metrics), metrics, config.tickInterval(),
                config.tickMaxEntries(), false, RenewerTopology.STATUS_STORE, "certificates",
                config.topics().certificates().valueSerde().serializer()));
        processor.init(context);
        Punctuator tick = context.scheduledPunctuators().get(0).getPunctuator();

        // load: 1M certificates issued over 90 days, so renewals are spread over the next months
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        long loadStart = System.nanoTime();
        for (int i = 0; i < CERTIFICATES; i++) {
            Instant notBefore = T0.minus(Duration.ofMinutes(i % (90 * 24 * 60 / 2)));
            String host = "email.d" + i + ".example";
            processor.process(new Record<>(host, certificate(host, notBefore), T0.toEpochMilli()));
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        schedule.flush();
        wake.flush();
        assertThat(schedule.approximateNumEntries()).isGreaterThan(CERTIFICATES / 2);

        long heap = heapAfterGc();
        long disk = sizeOf(stateDir);

        // ticks that find nothing due: the wall clock moves a second at a time before anything is due
        long now = T0.toEpochMilli() + 1;
        for (int i = 0; i < 200; i++) {
            tick.punctuate(now++);
        }
        long[] ours = new long[TICKS];
        for (int i = 0; i < TICKS; i++) {
            long start = System.nanoTime();
            tick.punctuate(now);
            ours[i] = System.nanoTime() - start;
            now += 1_000;
        }
        assertThat(context.forwarded()).isEmpty();

        // peer 1: a bare range() on the same wake store, same bounds
        long[] bareRange = emptyScans(wake, now);

        // peer 2: the same schedule and wake index in Kafka Streams' in-memory stores (on the heap)
        long treeHeap = -1;
        long[] treeScan = new long[0];
        if (Boolean.parseBoolean(System.getProperty("waymark.bench.heap-peer", "true"))) {
            long peerBaseline = heapAfterGc();
            KeyValueStore<Bytes, byte[]> peerSchedule = inMemory(context, "peer-schedule");
            KeyValueStore<Bytes, byte[]> peerWake = inMemory(context, "peer-wake");
            try (KeyValueIterator<String, byte[]> it = schedule.all()) {
                it.forEachRemaining(kv -> peerSchedule.put(Bytes.wrap(kv.key.getBytes(StandardCharsets.UTF_8)),
                        kv.value));
            }
            try (KeyValueIterator<Bytes, byte[]> it = wake.all()) {
                it.forEachRemaining(kv -> peerWake.put(kv.key, kv.value));
            }
            treeHeap = heapAfterGc() - peerBaseline;
            treeScan = emptyScans(peerWake, now);
            peerSchedule.close();
            peerWake.close();
        }

        System.out.printf("%nRENEWER SCALE BENCH: %,d certificates, %,d ticks, %s%n", CERTIFICATES, TICKS,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf("load: %.1f s (%,.0f certificates/s)%n", loadSeconds, CERTIFICATES / loadSeconds);
        System.out.printf("heap after GC: %.1f MB with the schedule loaded (%.1f MB before loading; max heap %.0f MB)%n",
                heap / 1e6, baseline / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf("RSS: %s; state directory on disk: %.1f MB%n", rss(), disk / 1e6);
        System.out.printf("idle tick (ours): p50 %s  p99 %s  max %s%n", us(ours, 50), us(ours, 99), us(ours, 100));
        System.out.printf("peer bare wake.range(): p50 %s  p99 %s%n", us(bareRange, 50), us(bareRange, 99));
        if (treeScan.length > 0) {
            System.out.printf("peer in-memory stores: range() p50 %s  p99 %s; schedule + wake index on heap: %.1f MB%n",
                    us(treeScan, 50), us(treeScan, 99), treeHeap / 1e6);
        }
        processor.close();
        for (KeyValueStore<?, ?> store : new KeyValueStore<?, ?>[] {schedule, wake, ready, status}) {
            store.close();
        }
        // ~200 MB of RocksDB files per million certificates: not left in target/
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static <K> KeyValueStore<K, byte[]> open(MockProcessorContext<String, Object> context, String name,
                                                     org.apache.kafka.common.serialization.Serde<K> keys) {
        KeyValueStore<K, byte[]> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys,
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** {@link #TICKS} timed range scans from 0 to {@code now} that must find nothing. */
    private static long[] emptyScans(KeyValueStore<Bytes, byte[]> index, long now) {
        long[] nanos = new long[TICKS];
        Bytes from = Bytes.wrap(new byte[8]);
        Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong(now + 1).array());
        for (int i = 0; i < TICKS; i++) {
            long start = System.nanoTime();
            try (KeyValueIterator<Bytes, byte[]> it = index.range(from, to)) {
                assertThat(it.hasNext()).isFalse();
            }
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static KeyValueStore<Bytes, byte[]> inMemory(MockProcessorContext<String, Object> context, String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static CertificateRecord certificate(String host, Instant notBefore) {
        return CertificateRecord.newBuilder().setTrackingHost(host).setSendingDomain(host.substring(6))
                .setCertificateChainPem("")
                .setSealedKey(SealedKey.newBuilder().setKeyId("k1").setNonce(ByteBuffer.allocate(12))
                        .setCiphertext(ByteBuffer.allocate(17)).setAlgorithm("EC-P256").build())
                .setSerialHex(Integer.toHexString(host.hashCode()) + "0a0b0c0d0e0f1011")
                .setNotBefore(notBefore).setNotAfter(notBefore.plus(Duration.ofDays(90)))
                .setAriCertId("aGVsbG8gd29ybGQgYWtp." + Integer.toHexString(host.hashCode()))
                .setIssuer("CN=bench").setVersion(1).setIssuedAt(notBefore).build();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("n/a");
    }

    private static String us(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.1f µs", sorted[Math.max(0, index)] / 1e3);
    }
}
