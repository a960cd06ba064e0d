package io.waymark.eventsink.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.waymark.eventsink.internal.EventSinkMetrics.DeadLetterReason;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.kafka.WaymarkSerde;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: one thread owns the {@link Consumer}, decodes each record, hands its rows to
 * Cassandra asynchronously and commits an offset only once every record up to it is durable (its
 * rows acknowledged, or its dead letter acknowledged by Kafka).
 *
 * <p>Back-pressure: at most {@code maxInFlight} events are being written (a {@link Semaphore});
 * records fetched beyond that wait in a backlog of at most about two polls, and while it is full
 * every assigned partition is paused. The loop keeps calling {@code poll} (membership stays
 * alive) and resumes when the backlog drained. A write that fails transiently keeps its permit
 * and is retried with {@link BackoffPolicy}, so an unavailable Cassandra fills the bound, pauses
 * the partitions and holds the offsets until it is back. A write that can never succeed, a value
 * that does not decode and an event that breaks {@link EventRules} are dead-lettered.
 *
 * <p>Rebalances: on revocation the loop waits (up to {@code revokeTimeout}) for the revoked
 * partitions' writes, commits what completed and drops the rest, which the next owner replays
 * (every write is idempotent).
 */
public final class SinkLoop implements Runnable, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long STALE_POLL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final CqlSession session;
    private final EventStatements statements;
    private final DeadLetters deadLetters;
    private final BackoffPolicy backoff;
    private final EventSinkMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration commitInterval;
    private final Duration revokeTimeout;
    private final int maxInFlight;
    private final int backlogHigh;
    private final Semaphore permits;
    private final WaymarkSerde<TrackingEvent> serde = WaymarkSerde.of(TrackingEvent.class);

    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Map<TopicPartition, PartitionOffsets> offsets = new HashMap<>();
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> backlog = new ArrayDeque<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile Thread thread;
    private boolean paused;

    /** Settings of the loop that are not collaborators. */
    public record Settings(String topic, int maxInFlight, int maxPollRecords, Duration commitInterval,
                           Duration revokeTimeout) {
        public Settings {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(commitInterval, "commitInterval");
            Objects.requireNonNull(revokeTimeout, "revokeTimeout");
        }
    }

    public SinkLoop(Consumer<byte[], byte[]> consumer, CqlSession session, EventStatements statements,
                    DeadLetters deadLetters, BackoffPolicy backoff, EventSinkMetrics metrics,
                    ScheduledExecutorService scheduler, Clock clock, Settings settings) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.session = Objects.requireNonNull(session, "session");
        this.statements = Objects.requireNonNull(statements, "statements");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.topic = settings.topic();
        this.commitInterval = settings.commitInterval();
        this.revokeTimeout = settings.revokeTimeout();
        this.maxInFlight = settings.maxInFlight();
        this.backlogHigh = Math.max(1, settings.maxPollRecords());
        this.permits = new Semaphore(settings.maxInFlight());
        metrics.inFlight(this::inFlight);
    }

    /** Starts the loop on its own (non-daemon) thread. */
    public void start() {
        Thread t = new Thread(this, "event-sink-consumer");
        thread = t;
        t.start();
    }

    /** Events being written, retried or dead-lettered now. */
    public int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    /** For readiness: the loop runs and polled recently. */
    public boolean isHealthy() {
        Thread t = thread;
        return running && t != null && t.isAlive() && System.nanoTime() - lastPollNanos < STALE_POLL_NANOS;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            long nextCommit = System.nanoTime() + commitInterval.toNanos();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(backlog.isEmpty() ? IDLE_POLL : Duration.ZERO);
                lastPollNanos = System.nanoTime();
                if (!records.isEmpty()) {
                    metrics.consumed(records.count());
                    records.forEach(backlog::add);
                }
                applyCompletions();
                dispatchBacklog();
                adjustPause();
                if (System.nanoTime() - nextCommit >= 0) {
                    commitAsync();
                    updateLag();
                    nextCommit = System.nanoTime() + commitInterval.toNanos();
                }
                if (!backlog.isEmpty()) {
                    // every permit is taken: sleep until a write completes (or briefly, to poll)
                    Completion done = completions.poll(50, TimeUnit.MILLISECONDS);
                    if (done != null) {
                        done.apply();
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOGGER.atError().setCause(e).log("consumer woken up unexpectedly; the sink stops consuming");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOGGER.atError().addKeyValue("topic", topic).setCause(e)
                    .log("event sink consumer loop failed; not ready until restarted: {}", e.getMessage());
        } finally {
            running = false;
            shutDown();
            finished.countDown();
        }
    }

    private void dispatchBacklog() {
        while (!backlog.isEmpty()) {
            ConsumerRecord<byte[], byte[]> record = backlog.peek();
            PartitionOffsets partition = offsets.get(new TopicPartition(record.topic(), record.partition()));
            if (partition == null) {
                backlog.poll(); // revoked since it was fetched
                continue;
            }
            if (!permits.tryAcquire()) {
                return;
            }
            backlog.poll();
            partition.dispatched(record.offset());
            dispatch(new Job(record, partition));
        }
    }

    private void dispatch(Job job) {
        byte[] value = job.record.value();
        if (value == null) {
            deadLetter(job, DeadLetterReason.TOMBSTONE, "null", "a tombstone (null value) is not a TrackingEvent");
            return;
        }
        TrackingEvent event;
        try {
            event = serde.deserialize(job.record.topic(), value);
        } catch (RuntimeException e) {
            deadLetter(job, DeadLetterReason.DECODE, e.getClass().getName(), e.getMessage());
            return;
        }
        Optional<String> violation = EventRules.violation(event, clock.instant());
        if (violation.isPresent()) {
            deadLetter(job, DeadLetterReason.SCHEMA, "io.waymark.eventsink.SchemaViolation", violation.get());
            return;
        }
        List<BoundStatement> rows;
        try {
            rows = statements.bind(event, clock.instant());
        } catch (RuntimeException e) {
            deadLetter(job, DeadLetterReason.SCHEMA, e.getClass().getName(), "cannot bind: " + e.getMessage());
            return;
        }
        if (rows.isEmpty()) {
            metrics.expired();
            complete(job);
            return;
        }
        job.remaining = rows;
        write(job);
    }

    private void write(Job job) {
        if (job.partition.cancelled()) {
            permits.release();
            return;
        }
        List<BoundStatement> batch = job.remaining;
        AtomicInteger left = new AtomicInteger(batch.size());
        ConcurrentLinkedQueue<BoundStatement> failed = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        for (BoundStatement statement : batch) {
            session.executeAsync(statement).whenComplete((rs, error) -> {
                if (error != null) {
                    failed.add(statement);
                    firstError.compareAndSet(null, error);
                }
                if (left.decrementAndGet() == 0) {
                    written(job, List.copyOf(failed), firstError.get());
                }
            });
        }
    }

    /** Runs on a driver thread: never blocks, only schedules. */
    private void written(Job job, List<BoundStatement> failed, Throwable error) {
        if (failed.isEmpty()) {
            metrics.written(job.dispatchNanos, job.record.timestamp());
            complete(job);
            return;
        }
        if (job.partition.cancelled()) {
            permits.release();
            return;
        }
        Throwable cause = TransientFailures.unwrap(error);
        if (!TransientFailures.isTransient(cause)) {
            deadLetter(job, DeadLetterReason.WRITE, cause.getClass().getName(),
                    "Cassandra refused the write: " + cause.getMessage());
            return;
        }
        job.remaining = failed;
        int attempt = ++job.attempts;
        Duration delay = backoff.delay(attempt);
        metrics.retried();
        warnSometimes(job, attempt, delay, cause);
        scheduler.schedule(() -> write(job), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void deadLetter(Job job, DeadLetterReason reason, String errorClass, String message) {
        if (job.partition.cancelled()) {
            permits.release();
            return;
        }
        String text = message == null ? errorClass : message;
        deadLetters.send(job.record, errorClass, text).whenComplete((ok, error) -> {
            if (error == null) {
                metrics.deadLetter(reason).increment();
                LOGGER.atWarn().addKeyValue("partition", job.record.partition())
                        .addKeyValue("offset", job.record.offset()).addKeyValue("reason", reason)
                        .log("record dead-lettered: {}", text);
                complete(job);
                return;
            }
            int attempt = ++job.attempts;
            Duration delay = backoff.delay(attempt);
            warnSometimes(job, attempt, delay, error);
            scheduler.schedule(() -> deadLetter(job, reason, errorClass, message), delay.toNanos(),
                    TimeUnit.NANOSECONDS);
        });
    }

    private void warnSometimes(Job job, int attempt, Duration delay, Throwable cause) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= LOG_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOGGER.atWarn().addKeyValue("partition", job.record.partition())
                    .addKeyValue("offset", job.record.offset()).addKeyValue("attempt", attempt)
                    .addKeyValue("retryInMs", delay.toMillis()).addKeyValue("inFlight", inFlight())
                    .log("write failed, retrying (partitions pause while the bound is full): {}", cause.toString());
        }
    }

    private void complete(Job job) {
        permits.release();
        completions.add(new Completion(job.partition, job.record.offset()));
    }

    private void applyCompletions() {
        Completion done;
        while ((done = completions.poll()) != null) {
            done.apply();
        }
    }

    private void adjustPause() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (!paused && backlog.size() >= backlogHigh) {
            consumer.pause(assigned);
            paused = true;
            metrics.paused(assigned.size());
        } else if (paused && backlog.size() <= backlogHigh / 2) {
            consumer.resume(consumer.paused());
            paused = false;
            metrics.paused(0);
        } else if (paused) {
            // partitions assigned while paused start unpaused
            consumer.pause(assigned);
            metrics.paused(assigned.size());
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions,
                                                              Map<TopicPartition, PartitionOffsets> marks) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionOffsets partition = offsets.get(tp);
            if (partition == null) {
                continue;
            }
            OptionalLong next = partition.toCommit();
            if (next.isPresent()) {
                result.put(tp, new OffsetAndMetadata(next.getAsLong()));
                marks.put(tp, partition);
            }
        }
        return result;
    }

    private void commitAsync() {
        Map<TopicPartition, PartitionOffsets> marks = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commit = committable(offsets.keySet(), marks);
        if (commit.isEmpty()) {
            return;
        }
        consumer.commitAsync(commit, (done, error) -> {
            if (error != null) {
                metrics.commitFailed();
                LOGGER.atWarn().setCause(error).log("offset commit failed; retried at the next interval");
                return;
            }
            done.forEach((tp, meta) -> marks.get(tp).markCommitted(meta.offset()));
        });
    }

    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, PartitionOffsets> marks = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commit = committable(partitions, marks);
        if (commit.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(commit, revokeTimeout);
            } catch (WakeupException e) {
                // close() woke the consumer while it was not polling: the commit still matters
                consumer.commitSync(commit, revokeTimeout);
            }
            commit.forEach((tp, meta) -> marks.get(tp).markCommitted(meta.offset()));
        } catch (RuntimeException e) {
            metrics.commitFailed();
            LOGGER.atWarn().setCause(e).addKeyValue("partitions", commit.keySet())
                    .log("offset commit failed; the next owner replays from the previous commit");
        }
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                total += lag.getAsLong();
            }
        }
        metrics.lag(total);
    }

    /** Waits up to {@code revokeTimeout} for the writes of {@code partitions} to finish. */
    private void awaitIdle(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + revokeTimeout.toNanos();
        try {
            while (partitions.stream().map(offsets::get).anyMatch(p -> p != null && !p.idle())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOGGER.atWarn().addKeyValue("partitions", partitions)
                            .log("writes still running at revocation; the next owner replays them");
                    return;
                }
                Completion done = completions.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)),
                        TimeUnit.NANOSECONDS);
                if (done != null) {
                    done.apply();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(Collection<TopicPartition> partitions) {
        backlog.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        for (TopicPartition tp : partitions) {
            PartitionOffsets partition = offsets.remove(tp);
            if (partition != null) {
                partition.cancel();
            }
        }
    }

    private void shutDown() {
        try {
            backlog.clear();
            awaitIdle(List.copyOf(offsets.keySet()));
            commitSync(List.copyOf(offsets.keySet()));
        } catch (RuntimeException e) {
            LOGGER.atWarn().setCause(e).log("final commit failed");
        } finally {
            release(List.copyOf(offsets.keySet()));
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(revokeTimeout));
            } catch (RuntimeException e) {
                LOGGER.atWarn().setCause(e).log("consumer close failed");
            }
        }
    }

    /** Stops polling, lets running writes finish (up to the revoke timeout), commits and closes. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            finished.await(revokeTimeout.toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                offsets.put(tp, new PartitionOffsets());
            }
            LOGGER.atInfo().addKeyValue("partitions", partitions.size()).log("partitions assigned");
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            backlog.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            awaitIdle(partitions);
            commitSync(partitions);
            release(partitions);
            LOGGER.atInfo().addKeyValue("partitions", partitions.size()).log("partitions revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions);
            LOGGER.atWarn().addKeyValue("partitions", partitions.size()).log("partitions lost; not committing");
        }
    }

    /** One record on its way to Cassandra or the dead-letter topic. */
    private static final class Job {
        final ConsumerRecord<byte[], byte[]> record;
        final PartitionOffsets partition;
        final long dispatchNanos = System.nanoTime();
        volatile List<BoundStatement> remaining = List.of();
        volatile int attempts;

        Job(ConsumerRecord<byte[], byte[]> record, PartitionOffsets partition) {
            this.record = record;
            this.partition = partition;
        }
    }

    /** A durable record, applied to its partition's offsets on the consumer thread. */
    private record Completion(PartitionOffsets partition, long offset) {
        void apply() {
            partition.completed(offset);
        }
    }
}
