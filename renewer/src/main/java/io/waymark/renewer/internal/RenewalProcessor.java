package io.waymark.renewer.internal;

import io.waymark.common.host.Hostname;
import io.waymark.renewer.RenewerMetrics;
import io.waymark.renewer.internal.ScheduleEntry.Guard;
import io.waymark.renewer.internal.ScheduleStores.Stored;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code certificates} into the schedule: a new version of a host's certificate replaces
 * its entry (due time from {@link RenewalPolicy}, attempts and guard reset), an older or equal
 * version is ignored, a tombstone (DELETE) forgets the host, a record that makes no sense goes to
 * {@code dlq.renewer}. The wall-clock punctuation ({@link ScheduleTick}) does the rest.
 */
public final class RenewalProcessor implements Processor<String, CertificateRecord, String, Object> {

    /** Child names in the topology. */
    public static final String ORDER_SINK = "orders-sink";
    public static final String STATUS_SINK = "status-sink";
    public static final String DLQ_SINK = "dlq-sink";

    private static final Logger LOGGER = LoggerFactory.getLogger(RenewalProcessor.class);

    /** What every task's processor shares. */
    public record Settings(RenewalPolicy policy, OrderBucket bucket, AriLookups lookups, RenewerMetrics metrics,
                           Duration tickInterval, int maxEntries, boolean ariEnabled, String statusStore,
                           String sourceTopic, Serializer<CertificateRecord> recordSerializer) {
    }

    private final Settings settings;
    private ProcessorContext<String, Object> context;
    private ScheduleStores stores;
    private ScheduleTick tick;

    public RenewalProcessor(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, byte[]> schedule = context.getStateStore(ScheduleStores.SCHEDULE);
        this.stores = new ScheduleStores(schedule, context.getStateStore(ScheduleStores.WAKE),
                context.getStateStore(ScheduleStores.READY));
        ReadOnlyKeyValueStore<String, DomainStatus> status =
                context.getStateStore(settings.statusStore());
        this.tick = new ScheduleTick(context, stores, new StatusWriter(status), settings.policy(), settings.bucket(),
                settings.lookups(), settings.metrics(), settings.maxEntries());
        context.schedule(settings.tickInterval(), PunctuationType.WALL_CLOCK_TIME, tick::run);
    }

    @Override
    public void process(Record<String, CertificateRecord> record) {
        long now = context.currentSystemTimeMs();
        CertificateRecord value = record.value();
        if (record.key() == null) {
            deadLetter(record, "no key: the tracking host is the key of certificates");
            return;
        }
        if (value == null) {
            stores.remove(record.key());
            settings.metrics().record("forgotten");
            LOGGER.atInfo().addKeyValue("trackingHost", record.key()).log("certificate deleted, host forgotten");
            return;
        }
        Optional<String> problem = problem(record.key(), value);
        if (problem.isPresent()) {
            deadLetter(record, problem.get());
            return;
        }
        Optional<Stored> before = stores.get(record.key());
        if (before.isPresent() && before.get().entry().version() >= value.getVersion()) {
            settings.metrics().record("stale");
            return;
        }
        ScheduleEntry entry = entry(record.key(), value, now);
        tick.save(record.key(), before, entry, now);
        settings.metrics().record("scheduled");
        LOGGER.atInfo().addKeyValue("trackingHost", record.key()).addKeyValue("serial", entry.serialHex())
                .addKeyValue("notAfter", value.getNotAfter()).addKeyValue("due", Instant.ofEpochMilli(entry.due()))
                .log("renewal scheduled");
    }

    private ScheduleEntry entry(String host, CertificateRecord value, long now) {
        long notBefore = value.getNotBefore().toEpochMilli();
        long notAfter = value.getNotAfter().toEpochMilli();
        long windowStart = value.getAriWindowStart() == null ? 0 : value.getAriWindowStart().toEpochMilli();
        long windowEnd = value.getAriWindowEnd() == null || value.getAriWindowStart() == null ? 0
                : value.getAriWindowEnd().toEpochMilli();
        long issuedAt = value.getIssuedAt().toEpochMilli();
        String certId = value.getAriCertId() == null ? "" : value.getAriCertId();
        long due = settings.policy().due(host, value.getSerialHex(), notBefore, notAfter, issuedAt, windowStart,
                windowEnd);
        long ariCheck = settings.ariEnabled() && !certId.isEmpty() ? now : Long.MAX_VALUE;
        return new ScheduleEntry(value.getSerialHex(), value.getSendingDomain(), certId, value.getVersion(),
                notBefore, notAfter, issuedAt, windowStart, windowEnd, due, ariCheck, 0, 0, Guard.OK, false);
    }

    private static Optional<String> problem(String key, CertificateRecord value) {
        try {
            if (!Hostname.parse(key).ascii().equals(key)) {
                return Optional.of("key '" + key + "' is not a canonical tracking host");
            }
            if (!key.equals(value.getTrackingHost())) {
                return Optional.of("trackingHost '" + value.getTrackingHost() + "' differs from the key '" + key + "'");
            }
            Hostname.parse(value.getSendingDomain());
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
        if (!value.getNotAfter().isAfter(value.getNotBefore())) {
            return Optional.of("notAfter " + value.getNotAfter() + " is not after notBefore " + value.getNotBefore());
        }
        if (value.getSerialHex().isEmpty()) {
            return Optional.of("serialHex is empty");
        }
        return Optional.empty();
    }

    private void deadLetter(Record<String, CertificateRecord> record, String why) {
        settings.metrics().record("invalid");
        settings.metrics().deadLetter();
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(settings.sourceTopic());
        int partition = context.recordMetadata().map(m -> m.partition()).orElse(-1);
        long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
        LOGGER.atWarn().addKeyValue("trackingHost", record.key()).addKeyValue("topic", topic)
                .addKeyValue("partition", partition).addKeyValue("offset", offset)
                .log("certificate record refused: {}", why);
        byte[] original = settings.recordSerializer().serialize(topic, record.value());
        context.forward(new Record<>(record.key(), (Object) original, record.timestamp(),
                DeadLetters.headers(topic, partition, offset, "INVALID_CERTIFICATE_RECORD", why,
                        context.currentSystemTimeMs())), DLQ_SINK);
    }
}
