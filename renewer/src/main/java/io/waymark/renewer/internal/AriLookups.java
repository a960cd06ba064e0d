package io.waymark.renewer.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.renewer.RenewalWindow;
import io.waymark.renewer.RenewalWindowException;
import io.waymark.renewer.RenewalWindowSource;
import io.waymark.renewer.RenewerMetrics;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ARI lookups off the stream threads. A punctuation submits a lookup and goes on; the
 * answer lands in the submitting processor's queue and is applied, on the stream thread, by the
 * next punctuation. The work queue is bounded: a full queue refuses the lookup (counted as
 * {@code rejected}) and the host is tried again after {@code renew.ari.error-retry}.
 */
public final class AriLookups implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(AriLookups.class);

    /** One lookup's outcome; {@code window} empty and {@code failed} false: the CA has no ARI. */
    public record Result(String host, String serialHex, Optional<RenewalWindow> window, boolean failed,
                         Optional<Instant> retryAfter) {
    }

    private final RenewalWindowSource source;
    private final Executor executor;
    private final RenewerMetrics metrics;

    private AriLookups(RenewalWindowSource source, Executor executor, RenewerMetrics metrics) {
        this.source = requireNonNull(source, "source");
        this.executor = requireNonNull(executor, "executor");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** Lookups on {@code threads} daemon threads with at most {@code queue} waiting. */
    public static AriLookups pooled(RenewalWindowSource source, int threads, int queue, RenewerMetrics metrics) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread thread = new Thread(r, "renewer-ari-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return new AriLookups(source, pool, metrics);
    }

    /** Lookups on the calling thread (tests with a double of the source). */
    public static AriLookups direct(RenewalWindowSource source, RenewerMetrics metrics) {
        return new AriLookups(source, Runnable::run, metrics);
    }

    /** Starts a lookup; false when the work queue is full. */
    public boolean submit(String host, String serialHex, String certId, Queue<Result> replyTo) {
        try {
            executor.execute(() -> replyTo.add(lookup(host, serialHex, certId)));
            return true;
        } catch (RejectedExecutionException e) {
            metrics.ariLookup("rejected");
            return false;
        }
    }

    private Result lookup(String host, String serialHex, String certId) {
        try {
            Optional<RenewalWindow> window = source.lookup(certId);
            metrics.ariLookup(window.isPresent() ? "window" : "unsupported");
            return new Result(host, serialHex, window, false, window.flatMap(RenewalWindow::retryAfter));
        } catch (RenewalWindowException | RuntimeException e) {
            metrics.ariLookup("failed");
            LOGGER.atWarn().addKeyValue("trackingHost", host).addKeyValue("certId", certId)
                    .log("ARI lookup failed, fraction schedule kept: {}", e.getMessage());
            Optional<Instant> retryAfter = e instanceof RenewalWindowException w ? w.retryAfter() : Optional.empty();
            return new Result(host, serialHex, Optional.empty(), true, retryAfter);
        }
    }

    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
