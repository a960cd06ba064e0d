package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link Command}s: issues, republishes, disables, deletes. Work for one sending
 * domain runs strictly one command after the other (a chain of futures per domain), so two
 * concurrent ENABLEs for a host never make two orders: the second finds the first's certificate.
 * The future of a command completes only once its outcome is on Kafka; the consumer commits the
 * record's offset then, and not before. Retries wait on a scheduler, never on a worker thread;
 * the future of a retried command stays open until the final outcome.
 */
final class Provisioner implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(Provisioner.class);

    private final CertificateIssuer issuer;
    private final OutcomePublisher publisher;
    private final StateView view;
    private final RecordFactory records;
    private final RetryPolicy retry;
    private final Revoker revoker;
    private final Duration renewBefore;
    private final ProvisionerMetrics metrics;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    Provisioner(CertificateIssuer issuer, OutcomePublisher publisher, StateView view, RecordFactory records,
                RetryPolicy retry, Revoker revoker, Duration renewBefore, int concurrency,
                ProvisionerMetrics metrics, Clock clock) {
        this.issuer = requireNonNull(issuer, "issuer");
        this.publisher = requireNonNull(publisher, "publisher");
        this.view = requireNonNull(view, "view");
        this.records = requireNonNull(records, "records");
        this.retry = requireNonNull(retry, "retry");
        this.revoker = requireNonNull(revoker, "revoker");
        this.renewBefore = requireNonNull(renewBefore, "renewBefore");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "provisioner-worker-" + n.incrementAndGet()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "provisioner-retries"));
        metrics.inFlight(inFlight::get);
    }

    /** Commands submitted and not yet finished. */
    int inFlight() {
        return inFlight.get();
    }

    /** Runs {@code command} after every earlier command of its sending domain. */
    CompletableFuture<Void> submit(Command command) {
        inFlight.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        chains.compute(command.sendingDomain(), (domain, previous) -> {
            CompletableFuture<Void> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            before.handle((ok, error) -> null).thenRun(() -> start(command, done));
            return done;
        });
        return done.whenComplete((ok, error) -> {
            inFlight.decrementAndGet();
            chains.remove(command.sendingDomain(), done);
        });
    }

    private void start(Command command, CompletableFuture<Void> done) {
        run(done, () -> {
            if (command instanceof Command.Issue issue) {
                if (decideBeforeIssuing(issue)) {
                    attempt(issue, 1, System.nanoTime(), done);
                    return;
                }
            } else if (command instanceof Command.Disable disable) {
                disable(disable);
            } else if (command instanceof Command.Delete delete) {
                delete(delete);
            } else if (command instanceof Command.Reject reject) {
                reject(reject);
            }
            done.complete(null);
        });
    }

    /** False when the command is already satisfied (outcome published) or moot. */
    private boolean decideBeforeIssuing(Command.Issue issue) throws ProvisioningException {
        String host = issue.host().ascii();
        Optional<CertificateRecord> current = view.certificate(host);
        Optional<DomainStatus> status = view.status(issue.sendingDomain());
        boolean valid = current.isPresent()
                && current.get().getNotAfter().minus(renewBefore).isAfter(clock.instant());
        boolean newerThanRequest = current.isPresent() && !current.get().getIssuedAt().isBefore(issue.requestedAt());
        boolean disabled = status.map(s -> s.getState() == DomainState.DISABLED).orElse(false);

        if (issue.kind() == CertificateOrderKind.RENEWAL && (disabled || status.isEmpty() && current.isEmpty())) {
            LOGGER.info("Renewal skipped, HTTPS is disabled or the domain deleted trackingHost={} orderId={}", host,
                    issue.orderId());
            metrics.outcome("skipped");
            return false;
        }
        boolean satisfied = switch (issue.kind()) {
            case NEW -> valid;
            case RENEWAL, REISSUE -> valid && newerThanRequest;
            default -> false;
        };
        if (satisfied) {
            // idempotent replay: a valid certificate exists, say so again and order nothing
            publishStatus(records.status(issue.sendingDomain(), Optional.of(host), DomainState.ISSUED, Optional.empty(),
                    Optional.of(current.get().getNotAfter())));
            metrics.outcome("republished");
            return false;
        }
        DomainState state = valid ? DomainState.RENEWING : DomainState.PENDING;
        publishStatus(records.status(issue.sendingDomain(), Optional.of(host), state, Optional.empty(),
                current.map(CertificateRecord::getNotAfter)));
        return true;
    }

    private void attempt(Command.Issue issue, int attemptNo, long startedNanos, CompletableFuture<Void> done) {
        if (closed) {
            done.completeExceptionally(new CancellationException("provisioner closed"));
            return;
        }
        try {
            IssuedCertificate issued = issuer.issue(issue.request());
            CertificateRecord record = records.certificate(issue.domain(), issue.host(), issued, issuer.keyType());
            publisher.certificate(record);
            view.remember(record);
            publishStatus(records.status(issue.sendingDomain(), Optional.of(issue.host().ascii()), DomainState.ISSUED,
                    Optional.empty(), Optional.of(record.getNotAfter())));
            issuer.removeChallenges(issued.challenges());
            metrics.outcome("issued");
            metrics.issued(Duration.ofNanos(System.nanoTime() - startedNanos));
            LOGGER.info("Certificate published trackingHost={} version={} notAfter={} attempt={}", issue.host(),
                    record.getVersion(), record.getNotAfter(), attemptNo);
            done.complete(null);
        } catch (ProvisioningException e) {
            failed(issue, attemptNo, startedNanos, done, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOGGER.warn("Issuance failed unexpectedly trackingHost={} attempt={}", issue.host(), attemptNo, e);
            failed(issue, attemptNo, startedNanos, done, ProvisioningException.transientFailure(
                    "internal error: " + e, e));
        }
    }

    private void failed(Command.Issue issue, int attemptNo, long startedNanos, CompletableFuture<Void> done,
                        ProvisioningException e) {
        if (closed) {
            done.completeExceptionally(new CancellationException("provisioner closed"));
            return;
        }
        String host = issue.host().ascii();
        Optional<Instant> notAfter = view.certificate(host).map(CertificateRecord::getNotAfter)
                .filter(t -> t.isAfter(clock.instant()));
        Optional<Duration> delay = switch (e.kind()) {
            case PERMANENT -> Optional.empty();
            case DEFERRED -> e.retryAfter().or(() -> Optional.of(Duration.ofMinutes(1)));
            case TRANSIENT, RATE_LIMITED -> retry.delayAfter(attemptNo, e.retryAfter());
        };
        int nextAttempt = e.kind() == ProvisioningException.Kind.DEFERRED ? attemptNo : attemptNo + 1;
        try {
            if (delay.isEmpty()) {
                // a still-valid certificate keeps being served: DEGRADED, not FAILED
                DomainState state = notAfter.isPresent() ? DomainState.DEGRADED : DomainState.FAILED;
                String reason = e.kind() == ProvisioningException.Kind.PERMANENT ? e.reason()
                        : "gave up after " + attemptNo + " attempts: " + e.reason();
                publishStatus(records.status(issue.sendingDomain(), Optional.of(host), state, Optional.of(reason),
                        notAfter));
                metrics.outcome(state == DomainState.FAILED ? "failed" : "degraded");
                LOGGER.warn("Issuance failed trackingHost={} attempts={} kind={} reason={}", host, attemptNo, e.kind(),
                        e.reason());
                done.complete(null);
                return;
            }
            Instant next = clock.instant().plus(delay.get());
            DomainState state = notAfter.isPresent() ? DomainState.RENEWING : DomainState.PENDING;
            publishStatus(records.status(issue.sendingDomain(), Optional.of(host), state,
                    Optional.of((e.kind() == ProvisioningException.Kind.DEFERRED ? "deferred until " + next
                            : "attempt " + attemptNo + " failed, next try at " + next) + ": " + e.reason()), notAfter));
        } catch (ProvisioningException publishFailed) {
            LOGGER.warn("Status not published, will retry with the order trackingHost={} error={}", host,
                    publishFailed.reason());
            if (delay.isEmpty()) {
                delay = Optional.of(Duration.ofSeconds(10));
            }
        }
        metrics.outcome("retry_scheduled");
        LOGGER.info("Issuance retry scheduled trackingHost={} attempt={} in={} kind={} reason={}", host, nextAttempt,
                delay.get(), e.kind(), e.reason());
        scheduler.schedule(() -> workers.execute(() -> attempt(issue, nextAttempt, startedNanos, done)),
                delay.get().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void disable(Command.Disable disable) throws ProvisioningException {
        String domain = disable.sendingDomain();
        Optional<String> host = view.status(domain).map(DomainStatus::getTrackingHost);
        Optional<Instant> notAfter = host.flatMap(view::certificate).map(CertificateRecord::getNotAfter);
        // the certificate stays on its topic: links already sent keep working until it expires
        publishStatus(records.status(domain, host, DomainState.DISABLED, Optional.of("HTTPS tracking switched off"),
                notAfter));
        metrics.outcome("disabled");
    }

    private void delete(Command.Delete delete) throws ProvisioningException {
        String domain = delete.sendingDomain();
        Optional<String> host = delete.host().map(h -> h.ascii())
                .or(() -> view.status(domain).map(DomainStatus::getTrackingHost));
        if (host.isPresent()) {
            Optional<CertificateRecord> certificate = view.certificate(host.get());
            if (certificate.isPresent()) {
                revoker.revoke(certificate.get());
            }
            publisher.removeCertificate(host.get());
            view.forgetCertificate(host.get());
        }
        publisher.removeStatus(domain);
        view.forgetStatus(domain);
        metrics.outcome("deleted");
        LOGGER.info("Domain deleted sendingDomain={} trackingHost={}", domain, host.orElse("-"));
    }

    private void reject(Command.Reject reject) throws ProvisioningException {
        publishStatus(records.status(reject.sendingDomain(), reject.host(), DomainState.FAILED,
                Optional.of(reject.reason()), Optional.empty()));
        metrics.outcome("failed");
        LOGGER.info("Request rejected sendingDomain={} reason={}", reject.sendingDomain(), reject.reason());
    }

    private void publishStatus(DomainStatus status) throws ProvisioningException {
        publisher.status(status);
        view.remember(status);
    }

    /** A step that may fail writing to Kafka: retried on the scheduler until it succeeds or we close. */
    private void run(CompletableFuture<Void> done, Step step) {
        workers.execute(() -> {
            if (closed) {
                done.completeExceptionally(new CancellationException("provisioner closed"));
                return;
            }
            try {
                step.run();
            } catch (ProvisioningException | RuntimeException e) {
                LOGGER.warn("Step failed, retrying in 5s error={}", e.toString());
                scheduler.schedule(() -> run(done, step), 5, TimeUnit.SECONDS);
            }
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws ProvisioningException;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
