package io.waymark.renewer.internal;

import io.waymark.renewer.RenewerMetrics;
import io.waymark.renewer.internal.ScheduleEntry.Guard;
import io.waymark.renewer.internal.ScheduleStores.Stored;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wall-clock punctuation of a task's schedule, on the stream thread:
 *
 * <ol>
 *   <li>apply the ARI answers that arrived since the last tick (new window → new due time);</li>
 *   <li>scan the wake index from 0 to now (at most {@code maxEntries} hosts) and, for each, fire
 *   the guard (DEGRADED, EXPIRED), start an ARI lookup when one is due, and move a host whose
 *   order is due into the ready index;</li>
 *   <li>order from the ready index, soonest expiry first, while the bucket has tokens.</li>
 * </ol>
 *
 * A tick that finds nothing costs two RocksDB seeks and the drain of an empty queue.
 */
public final class ScheduleTick {

    private static final Logger LOGGER = LoggerFactory.getLogger(ScheduleTick.class);

    private final ProcessorContext<String, Object> context;
    private final ScheduleStores stores;
    private final StatusWriter statuses;
    private final RenewalPolicy policy;
    private final OrderBucket bucket;
    private final AriLookups lookups;
    private final RenewerMetrics metrics;
    private final int maxEntries;
    private final Queue<AriLookups.Result> answers = new ConcurrentLinkedQueue<>();
    /** Where the next wake scan starts: everything before it was handled (0 after a restart). */
    private long scanFrom;
    /** False once a scan found the ready index empty, until this processor queues a host. */
    private boolean mayHaveReady = true;
    private long lastTick;

    public ScheduleTick(ProcessorContext<String, Object> context, ScheduleStores stores, StatusWriter statuses,
                        RenewalPolicy policy, OrderBucket bucket, AriLookups lookups, RenewerMetrics metrics,
                        int maxEntries) {
        this.context = context;
        this.stores = stores;
        this.statuses = statuses;
        this.policy = policy;
        this.bucket = bucket;
        this.lookups = lookups;
        this.metrics = metrics;
        this.maxEntries = maxEntries;
    }

    /** The punctuation. */
    public void run(long now) {
        long started = System.nanoTime();
        lastTick = Math.max(lastTick, now);
        applyAnswers(now);
        List<ScheduleStores.IndexKey> woken = stores.wokenBy(scanFrom, now, maxEntries);
        for (ScheduleStores.IndexKey key : woken) {
            stores.get(key.host()).ifPresent(stored -> wake(key.host(), stored, now));
        }
        // a full batch may have left keys at the last time it reached; otherwise all up to now is done
        scanFrom = woken.size() == maxEntries ? woken.get(woken.size() - 1).at() : now + 1;
        applyAnswers(now);
        if (mayHaveReady) {
            orderReady(now);
        }
        metrics.tick(System.nanoTime() - started, stores.approximateScheduled(), stores.approximateReady(),
                bucket.available(now));
    }

    /** Stores {@code entry} under the wake time the policy gives it now. */
    public void save(String host, Optional<Stored> before, ScheduleEntry entry, long now) {
        long wake = policy.nextWake(entry, statuses.disabled(entry.sendingDomain()), now);
        // never at or before a time a scan has passed: it would not be seen again
        long earliest = Math.max(Math.max(now, lastTick) + 1, scanFrom);
        stores.put(host, before, entry, wake == Long.MAX_VALUE ? wake : Math.max(wake, earliest));
        if (entry.queued()) {
            mayHaveReady = true;
        }
    }

    private void wake(String host, Stored stored, long now) {
        ScheduleEntry entry = stored.entry();
        boolean disabled = statuses.disabled(entry.sendingDomain());
        if (!disabled && entry.guard() != Guard.EXPIRED && now >= entry.notAfter()) {
            entry = guard(host, entry, Guard.EXPIRED, now);
        } else if (!disabled && entry.guard() == Guard.OK && now >= policy.degradeAt(entry)) {
            entry = guard(host, entry, Guard.DEGRADED, now);
        }
        if (entry.nextAriCheck() <= now) {
            boolean started = lookups.submit(host, entry.serialHex(), entry.ariCertId(), answers);
            entry = entry.withNextAriCheck(now + policy.ariErrorRetry().toMillis());
            if (!started) {
                LOGGER.atWarn().addKeyValue("trackingHost", host).log("ARI lookup queue full, retried later");
            }
        }
        if (!entry.queued() && now >= policy.orderAt(entry)) {
            if (disabled) {
                metrics.skippedDisabled();
                LOGGER.atInfo().addKeyValue("trackingHost", host).addKeyValue("sendingDomain", entry.sendingDomain())
                        .log("renewal due but HTTPS is disabled for the domain: not ordered");
            } else {
                entry = entry.withQueued(true);
            }
        }
        save(host, Optional.of(stored), entry, now);
    }

    private ScheduleEntry guard(String host, ScheduleEntry entry, Guard guard, long now) {
        String state = guard.name().toLowerCase(Locale.ROOT);
        metrics.guard(state);
        Optional<DomainStatus> status = statuses.transition(host, entry, guard, now);
        status.ifPresent(s -> context.forward(new Record<>(s.getSendingDomain(), (Object) s, now),
                RenewalProcessor.STATUS_SINK));
        String reason = StatusWriter.reason(host, entry, guard == Guard.EXPIRED
                ? DomainState.EXPIRED : DomainState.DEGRADED);
        if (guard == Guard.EXPIRED) {
            LOGGER.atError().addKeyValue("trackingHost", host).addKeyValue("sendingDomain", entry.sendingDomain())
                    .addKeyValue("notAfter", Instant.ofEpochMilli(entry.notAfter()))
                    .addKeyValue("attempts", entry.attempt()).log("certificate expired: {}", reason);
        } else {
            LOGGER.atWarn().addKeyValue("trackingHost", host).addKeyValue("sendingDomain", entry.sendingDomain())
                    .addKeyValue("notAfter", Instant.ofEpochMilli(entry.notAfter()))
                    .addKeyValue("attempts", entry.attempt()).log("renewal overdue, domain degraded: {}", reason);
        }
        return entry.withGuard(guard);
    }

    private void orderReady(long now) {
        long tokens = bucket.available(now);
        List<ScheduleStores.IndexKey> keys = stores.ready((int) Math.min(maxEntries, Math.max(1, tokens)));
        if (keys.isEmpty()) {
            mayHaveReady = false;
            return;
        }
        for (ScheduleStores.IndexKey key : keys) {
            String host = key.host();
            Optional<Stored> stored = stores.get(host);
            if (stored.isEmpty() || !stored.get().entry().queued() || stored.get().entry().notAfter() != key.at()) {
                stores.dropReady(key);
                continue;
            }
            ScheduleEntry entry = stored.get().entry();
            if (statuses.disabled(entry.sendingDomain())) {
                metrics.skippedDisabled();
                save(host, stored, entry.withQueued(false), now);
                continue;
            }
            if (!bucket.tryTake(now)) {
                metrics.rateLimited();
                return;
            }
            context.forward(new Record<>(host, (Object) order(host, entry, now), now), RenewalProcessor.ORDER_SINK);
            metrics.order(entry.attempt() == 0 ? "first" : "retry");
            LOGGER.atInfo().addKeyValue("trackingHost", host).addKeyValue("serial", entry.serialHex())
                    .addKeyValue("attempt", entry.attempt() + 1)
                    .addKeyValue("notAfter", Instant.ofEpochMilli(entry.notAfter())).log("renewal ordered");
            save(host, stored, entry.ordered(now), now);
        }
    }

    private static CertificateOrder order(String host, ScheduleEntry entry, long now) {
        String reason = entry.attempt() > 0
                ? "renewal retry: attempt " + entry.attempt() + " produced no certificate"
                : entry.hasWindow() ? "ARI window opened" : "renewal due";
        return CertificateOrder.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .setKind(CertificateOrderKind.RENEWAL)
                .setTrackingHost(host)
                .setSendingDomain(entry.sendingDomain())
                .setRequestedAt(Instant.ofEpochMilli(now))
                .setReason(reason + " (serial " + entry.serialHex() + ", expires " + Instant.ofEpochMilli(entry.notAfter())
                        + ")")
                .setReplacesCertId(entry.ariCertId().isEmpty() ? null : entry.ariCertId())
                .setAttempt(entry.attempt() + 1)
                .build();
    }

    private void applyAnswers(long now) {
        AriLookups.Result answer;
        while ((answer = answers.poll()) != null) {
            Optional<Stored> stored = stores.get(answer.host());
            if (stored.isEmpty() || !stored.get().entry().serialHex().equals(answer.serialHex())) {
                continue;
            }
            ScheduleEntry entry = stored.get().entry();
            if (answer.window().isPresent()) {
                long start = answer.window().get().start().toEpochMilli();
                long end = answer.window().get().end().toEpochMilli();
                long due = policy.due(answer.host(), entry.serialHex(), entry.notBefore(), entry.notAfter(),
                        entry.issuedAt(), start, end);
                entry = entry.withWindow(start, end, due, policy.nextAriCheck(now, answer.retryAfter(), false));
            } else if (answer.failed()) {
                entry = entry.withNextAriCheck(policy.nextAriCheck(now, answer.retryAfter(), true));
            } else {
                entry = entry.withNextAriCheck(Long.MAX_VALUE);
            }
            save(answer.host(), stored, entry, now);
        }
    }
}
