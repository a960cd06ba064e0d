package io.waymark.edge.internal;

import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.kafka.Topic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The durable path of tracking events: a write-ahead spool in front of Kafka.
 *
 * <p>Event loops {@link #submit} an event into a bounded in-memory queue and return. The
 * <em>appender</em> thread takes what the queue holds every {@value #APPEND_WINDOW_MICROS} µs
 * (one write for many events, and event loops that never have to wake it while it is busy),
 * serializes the events, appends them to the {@link SpoolLog} and forces the file every
 * {@code fsyncInterval}. The <em>forwarder</em> thread sends the log in order to
 * {@code tracking-events} with an idempotent producer ({@code acks=all}): while it keeps up, it
 * takes the records the appender has just written from an in-memory hand-off and moves the log's
 * reader past them; when it is behind (a backlog at start-up, Kafka away, a rewind, a full
 * hand-off) it reads them back from the log;
 * when every record below a sequence is acknowledged, that sequence is committed (cursor file)
 * and fully sent segments are deleted. A failed send (broker away past the delivery timeout)
 * rewinds to the first unacknowledged record once the in-flight sends have settled, and sends on
 * after a backoff: delivery is at-least-once, ordered, and every event carries a unique
 * {@code eventId} for the sink to write once.
 *
 * <p>Loss bounds: a process crash (kill -9) loses at most what sat in the in-memory queue (events
 * of the last few milliseconds, never more than {@code queueCapacity}); written records are in
 * the page cache and survive it. A machine crash loses at most {@code fsyncInterval} of events.
 * When the quota is reached, new events are refused (counted as {@code rejected_quota}); clicks
 * are still redirected.
 */
public final class EventSpool implements EventSink, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EventSpool.class);
    /** Kafka header naming why an event was flagged as automated. */
    public static final String BOT_REASON_HEADER = "waymark-bot-reason";
    private static final int MAX_IN_FLIGHT = 20_000;
    /** How long the appender lets events gather once one has arrived. */
    static final long APPEND_WINDOW_MICROS = 1_000;
    /** Events held in the in-memory hand-off at most; beyond it the forwarder reads them back. */
    private static final int HANDOFF_EVENTS = 32_768;

    private record Pending(TrackingEvent event, String botReason) { }

    /** Records just appended, in sequence order from {@code first}, and the log position after them. */
    private record Appended(long first, SpoolRecord[] records, SpoolLog.Position end) { }

    private final SpoolLog log;
    private final Topic<String, TrackingEvent> topic;
    private final TrackingEventEncoder encoder; // appender thread only
    private final Producer<String, byte[]> producer;
    private final long fsyncNanos;
    private final EdgeMetrics metrics;
    private final BlockingQueue<Pending> queue;
    private final ConcurrentLinkedQueue<Appended> handoff = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handoffEvents = new AtomicInteger();
    private final Thread appender;
    private final Thread forwarder;
    private volatile boolean running = true;
    private volatile boolean forwarderIdle;

    // forwarder state, guarded by "this"
    private final InFlightSequences inFlight = new InFlightSequences();
    private long sentUpTo = -1;
    private int outstanding;
    private boolean failed;

    public EventSpool(SpoolLog log, Topic<String, TrackingEvent> topic, Producer<String, byte[]> producer,
                      Duration fsyncInterval, int queueCapacity, EdgeMetrics metrics) {
        this.log = log;
        this.topic = topic;
        this.encoder = TrackingEventEncoder.forTopic(topic);
        this.producer = producer;
        this.fsyncNanos = fsyncInterval.toNanos();
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.appender = new Thread(this::appendLoop, "edge-spool-appender");
        this.forwarder = new Thread(this::forwardLoop, "edge-spool-forwarder");
        appender.setDaemon(true);
        forwarder.setDaemon(true);
        metrics.gauge("spool_bytes", "bytes in the event spool", log::bytes);
        metrics.gauge("spool_backlog", "spooled events not yet acknowledged by Kafka", log::backlog);
        metrics.gauge("spool_queue", "events waiting to be spooled", queue::size);
    }

    /** Starts the appender and forwarder threads. */
    public EventSpool start() {
        appender.start();
        forwarder.start();
        return this;
    }

    @Override
    public boolean submit(TrackingEvent event, String botReason) {
        if (queue.offer(new Pending(event, botReason))) {
            return true;
        }
        metrics.spool("rejected_queue", 1);
        return false;
    }

    /** Spooled events not yet acknowledged by Kafka, plus those still queued. */
    public long backlog() {
        return log.backlog() + queue.size();
    }

    private void appendLoop() {
        List<Pending> batch = new ArrayList<>(1024);
        long lastForce = System.nanoTime();
        boolean dirty = false;
        boolean busy = false;
        while (running || !queue.isEmpty()) {
            try {
                Pending first;
                if (busy) {
                    // Under load the appender wakes itself every window: no event loop ever has
                    // to wake it (a futex call and a context switch per wake).
                    LockSupport.parkNanos(APPEND_WINDOW_MICROS * 1_000);
                    first = queue.poll();
                    busy = first != null;
                } else {
                    first = queue.poll(dirty ? Math.max(1, fsyncNanos / 4) : 100_000_000L, TimeUnit.NANOSECONDS);
                    if (first != null && queue.size() < 1023) {
                        // Let a batch gather: one write and one hand-off for many events.
                        LockSupport.parkNanos(APPEND_WINDOW_MICROS * 1_000);
                    }
                    busy = first != null;
                }
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 1023);
                    List<byte[]> payloads = new ArrayList<>(batch.size());
                    SpoolRecord[] records = new SpoolRecord[batch.size()];
                    for (int i = 0; i < batch.size(); i++) {
                        Pending p = batch.get(i);
                        byte[] value = encoder.encode(p.event());
                        records[i] = new SpoolRecord(p.event().getMessageId(), p.botReason(), value);
                        payloads.add(records[i].encode());
                    }
                    long firstSequence = log.nextSequence();
                    int taken = log.append(payloads);
                    int rejected = batch.size() - taken;
                    if (taken > 0 && handoffEvents.get() + taken <= HANDOFF_EVENTS) {
                        handoffEvents.addAndGet(taken);
                        handoff.add(new Appended(firstSequence, records, log.appendPosition()));
                    }
                    metrics.spool("appended", taken);
                    if (rejected > 0) {
                        metrics.spool("rejected_quota", rejected);
                        LOGGER.atWarn().addKeyValue("rejected", rejected).addKeyValue("bytes", log.bytes())
                                .log("spool quota reached; events refused");
                    }
                    batch.clear();
                    dirty = true;
                    if (forwarderIdle) {
                        LockSupport.unpark(forwarder);
                    }
                }
                if (dirty && System.nanoTime() - lastForce >= fsyncNanos) {
                    log.force();
                    lastForce = System.nanoTime();
                    dirty = false;
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (IOException | RuntimeException e) {
                LOGGER.atError().setCause(e).log("spool append failed; events in this batch are lost");
                metrics.spool("append_failed", batch.size());
                batch.clear();
            }
        }
        try {
            log.force();
        } catch (IOException e) {
            LOGGER.atWarn().addKeyValue("error", e.toString()).log("final spool fsync failed");
        }
    }

    private void forwardLoop() {
        long lastCommit = System.nanoTime();
        int emptyRounds = 0;
        while (running) {
            try {
                if (settleFailure()) {
                    continue;
                }
                if (!forwardFromMemory()) {
                    SpoolLog.Entry entry = null;
                    synchronized (this) {
                        if (outstanding < MAX_IN_FLIGHT) {
                            entry = log.readNext();
                        }
                    }
                    if (entry != null) {
                        send(entry.sequence(), SpoolRecord.decode(entry.payload()));
                        emptyRounds = 0;
                    } else if (emptyRounds < 50) {
                        // Busy: look again after one append window, unwoken.
                        emptyRounds++;
                        LockSupport.parkNanos(APPEND_WINDOW_MICROS * 1_000);
                    } else {
                        // Quiet: sleep until the appender wakes us (or 5 ms at most).
                        forwarderIdle = true;
                        if (handoff.isEmpty()) {
                            LockSupport.parkNanos(5_000_000L);
                        }
                        forwarderIdle = false;
                    }
                } else {
                    emptyRounds = 0;
                }
                if (System.nanoTime() - lastCommit > 100_000_000L) {
                    commit();
                    lastCommit = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                LOGGER.atWarn().addKeyValue("error", e.toString()).log("spool forwarding failed; retrying in 1 s");
                markFailed();
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
        try {
            commit();
        } catch (IOException e) {
            LOGGER.atWarn().addKeyValue("error", e.toString()).log("final spool commit failed");
        }
    }

    /**
     * Sends the hand-off's first batch when the log's reader stands inside it, and moves the
     * reader past it; drops batches the reader has already passed (they were read back). False
     * when the next record has to come from the log (or there is nothing to send).
     */
    private boolean forwardFromMemory() throws IOException {
        while (true) {
            Appended batch = handoff.peek();
            if (batch == null) {
                return false;
            }
            long next = log.nextRead();
            if (batch.end().nextSequence() <= next) {
                handoff.poll();
                handoffEvents.addAndGet(-batch.records().length);
                continue;
            }
            if (batch.first() > next) {
                return false; // older records first, from the log
            }
            synchronized (this) {
                if (outstanding >= MAX_IN_FLIGHT) {
                    return false;
                }
            }
            handoff.poll();
            handoffEvents.addAndGet(-batch.records().length);
            log.skipTo(batch.end());
            for (int i = (int) (next - batch.first()); i < batch.records().length; i++) {
                send(batch.first() + i, batch.records()[i]);
            }
            return true;
        }
    }

    private void send(long sequence, SpoolRecord record) {
        RecordHeaders headers = new RecordHeaders();
        if (record.botReason() != null) {
            headers.add(BOT_REASON_HEADER, record.botReason().getBytes(StandardCharsets.UTF_8));
        }
        synchronized (this) {
            inFlight.add(sequence);
            sentUpTo = Math.max(sentUpTo, sequence);
            outstanding++;
        }
        try {
            producer.send(new ProducerRecord<>(topic.name(), null, record.key(), record.value(), headers),
                    (metadata, error) -> acknowledged(sequence, error));
        } catch (RuntimeException e) {
            acknowledged(sequence, e);
        }
    }

    private void acknowledged(long sequence, Exception error) {
        {
            synchronized (this) {
                outstanding--;
                if (error == null) {
                    inFlight.remove(sequence);
                } else if (!failed) {
                    failed = true;
                    LOGGER.atWarn().addKeyValue("topic", topic.name()).addKeyValue("error", error.toString())
                            .log("event not acknowledged by Kafka; it stays spooled and is sent again");
                }
            }
            if (error == null) {
                metrics.spool("published", 1);
            }
        }
    }

    private void markFailed() {
        synchronized (this) {
            failed = true;
        }
    }

    /** After a failure: wait for in-flight sends to settle, then rewind to the first unacknowledged. */
    private boolean settleFailure() throws IOException {
        long rewindTo;
        synchronized (this) {
            if (!failed) {
                return false;
            }
            if (outstanding > 0) {
                rewindTo = -1;
            } else {
                rewindTo = inFlight.isEmpty() ? sentUpTo + 1 : inFlight.first();
                log.rewind(rewindTo);
                inFlight.clear();
                sentUpTo = rewindTo - 1;
                failed = false;
            }
        }
        if (rewindTo < 0) {
            LockSupport.parkNanos(10_000_000L);
        } else {
            metrics.spool("rewound", 1);
            LockSupport.parkNanos(500_000_000L);
        }
        return true;
    }

    private void commit() throws IOException {
        long committable;
        synchronized (this) {
            committable = inFlight.isEmpty() ? sentUpTo + 1 : inFlight.first();
        }
        if (committable > 0) {
            log.commit(committable);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        // No interrupt: an interrupted FileChannel write closes the channel. The loops poll.
        appender.join(10_000);
        LockSupport.unpark(forwarder);
        forwarder.join(10_000);
        // Sends still in flight get up to 5 s; what is not acknowledged stays spooled for the next start.
        producer.close(Duration.ofSeconds(5));
        commit();
        log.close();
    }
}
