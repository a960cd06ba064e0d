package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.kafka.ChallengeKey;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ACME order from start to certificate (RFC 8555 §7.4): new order, HTTP-01 for each
 * pending authorization (challenge to the edge, self-check, trigger, poll), a fresh key and CSR,
 * finalize, poll, download. Every limit the CA enforces is checked first against
 * {@link RateLimitBuckets}; what the CA still refuses comes back as a
 * {@link ProvisioningException} that says whether and when to try again.
 */
final class CertificateIssuer {

    private static final Logger LOGGER = LoggerFactory.getLogger(CertificateIssuer.class);
    private static final Duration PREFLIGHT_INTERVAL = Duration.ofMillis(50);

    private final AcmeOrders orders;
    private final ChallengeSink challenges;
    private final PreflightCheck preflight;
    private final RateLimitBuckets buckets;
    private final CertificateKeys keys;
    private final ResourcePoller poller;
    private final Duration preflightTimeout;
    private final ProvisionerMetrics metrics;
    private final Clock clock;

    CertificateIssuer(AcmeOrders orders, ChallengeSink challenges, PreflightCheck preflight,
                      RateLimitBuckets buckets, CertificateKeys keys, ResourcePoller poller,
                      Duration preflightTimeout, ProvisionerMetrics metrics, Clock clock) {
        this.orders = requireNonNull(orders, "orders");
        this.challenges = requireNonNull(challenges, "challenges");
        this.preflight = requireNonNull(preflight, "preflight");
        this.buckets = requireNonNull(buckets, "buckets");
        this.keys = requireNonNull(keys, "keys");
        this.poller = requireNonNull(poller, "poller");
        this.preflightTimeout = requireNonNull(preflightTimeout, "preflightTimeout");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
    }

    KeyType keyType() {
        return keys.type();
    }

    /**
     * Obtains a certificate for {@code request}. On success the published challenges come back
     * with the certificate, to be removed once it is published; on failure they are removed here.
     */
    IssuedCertificate issue(IssuanceRequest request) throws ProvisioningException, InterruptedException {
        Hostname host = request.trackingHost();
        List<ChallengeKey> published = new ArrayList<>();
        boolean issued = false;
        try {
            Order order = newOrder(request);
            for (Authorization authorization : order.getAuthorizations()) {
                if (authorization.getStatus() == Status.VALID) {
                    continue; // RFC 8555 §7.1.4: a still-valid authorization is reused
                }
                validate(request, authorization, published);
            }
            Status ready = poller.await(order, Set.of(Status.READY), "order of " + host);
            if (ready != Status.READY) {
                throw failure(order.getError(), "the order became " + ready);
            }
            KeyPair keyPair = keys.generate();
            order.execute(keys.csr(host, keyPair)); // RFC 8555 §7.4: finalize with our CSR
            Status valid = poller.await(order, Set.of(Status.VALID), "finalized order of " + host);
            if (valid != Status.VALID) {
                throw failure(order.getError(), "finalizing the order failed, it is " + valid);
            }
            List<X509Certificate> chain = order.getCertificate().getCertificateChain();
            LOGGER.info("Certificate issued trackingHost={} orderId={} serial={}", host, request.orderId(),
                    chain.get(0).getSerialNumber().toString(16));
            issued = true;
            return new IssuedCertificate(chain, keyPair, clock.instant(), published);
        } catch (AcmeException e) {
            throw counted(AcmeFailures.classify(e));
        } catch (AcmeLazyLoadingException e) {
            // acme4j loads resources on first access and wraps what went wrong
            throw e.getCause() instanceof AcmeException cause ? counted(AcmeFailures.classify(cause))
                    : ProvisioningException.transientFailure("the CA answered badly: " + e.getMessage(), e);
        } finally {
            if (!issued) {
                removeChallenges(published);
            }
        }
    }

    /** Tombstones challenges; the edge stops answering them. */
    void removeChallenges(List<ChallengeKey> published) {
        for (ChallengeKey key : published) {
            try {
                challenges.remove(key);
            } catch (ProvisioningException e) {
                // the topic deletes it after 7 days, and the edge stops at expiresAt anyway
                LOGGER.warn("Challenge tombstone not written challenge={} error={}", key, e.reason());
            }
        }
    }

    /**
     * Admits the order against the buckets, then sends it. A renewal is exempt from the
     * new-orders and per-domain buckets only when it really carries {@code replaces}, which needs
     * a CA that offers ARI; ordered again without it, it pays those buckets like any new order.
     */
    private Order newOrder(IssuanceRequest request) throws AcmeException, ProvisioningException {
        Hostname host = request.trackingHost();
        Optional<String> replaces = request.isAriRenewal() && orders.offersRenewalInfo()
                ? request.replacesCertId() : Optional.empty();
        admit(buckets.admitOrder(host, replaces.isPresent()));
        Optional<String> profile = orders.profile();
        metrics.orderPlaced();
        try {
            return orders.newOrder(new AcmeOrders.Request(host.ascii(), profile, replaces));
        } catch (AcmeServerException e) {
            if (replaces.isPresent() && AcmeFailures.isReplacementRefused(e)) {
                // RFC 9773 §5: a CA may refuse 'replaces' (already replaced, other account); order plainly once
                LOGGER.info("CA refused replaces, ordering without it trackingHost={} problem={}", host, e.getType());
                admit(buckets.admitUnexemptedOrder(host));
                metrics.orderPlaced();
                return orders.newOrder(new AcmeOrders.Request(host.ascii(), profile, Optional.empty()));
            }
            throw e;
        }
    }

    private void admit(RateLimitBuckets.Admission admission) throws ProvisioningException {
        if (!admission.granted()) {
            metrics.deferred(admission.limit());
            throw ProvisioningException.deferred(admission.limit(), admission.delay());
        }
    }

    private ProvisioningException counted(ProvisioningException e) {
        if (e.kind() == ProvisioningException.Kind.RATE_LIMITED) {
            metrics.rateLimited();
        }
        return e;
    }

    private void validate(IssuanceRequest request, Authorization authorization, List<ChallengeKey> published)
            throws AcmeException, ProvisioningException, InterruptedException {
        Hostname host = request.trackingHost();
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> ProvisioningException.permanent(
                        "the CA offers no HTTP-01 challenge for " + host, Optional.empty()));
        ChallengeKey key = new ChallengeKey(host.ascii(), challenge.getToken());
        Instant expires = authorization.getExpires().orElse(clock.instant().plus(Duration.ofDays(7)));
        challenges.publish(AcmeChallenge.newBuilder()
                .setTrackingHost(host.ascii())
                .setToken(challenge.getToken())
                .setKeyAuthorization(challenge.getAuthorization())
                .setExpiresAt(expires)
                .setOrderId(request.orderId())
                .build());
        published.add(key);
        LOGGER.debug("Challenge published challenge={} keyAuthorization={}", key, challenge.getAuthorization());

        awaitPreflight(host, challenge);
        admit(buckets.admitValidation(host));
        challenge.trigger(); // RFC 8555 §7.5.1: the CA validates from now on
        Status status = poller.await(authorization, Set.of(Status.VALID), "authorization of " + host);
        if (status != Status.VALID) {
            buckets.recordFailedValidation(host);
            metrics.failedValidation();
            Optional<Problem> problem = Optional.empty();
            try {
                challenge.fetch(); // RFC 8555 §8: the challenge object holds the CA's error
                problem = challenge.getError();
            } catch (AcmeException e) {
                LOGGER.debug("Challenge error not fetched trackingHost={} error={}", host, e.toString());
            }
            throw failure(problem, "HTTP-01 validation of " + host + " failed");
        }
    }

    private void awaitPreflight(Hostname host, Http01Challenge challenge)
            throws ProvisioningException, InterruptedException {
        Instant deadline = clock.instant().plus(preflightTimeout);
        String last = "no answer";
        while (true) {
            try {
                PreflightCheck.Answer answer = preflight.fetch(host.ascii(), challenge.getToken());
                if (answer.serves(challenge.getAuthorization())) {
                    return;
                }
                last = "HTTP " + answer.status();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + " " + e.getMessage();
            }
            if (!clock.instant().isBefore(deadline)) {
                metrics.preflightFailed();
                throw ProvisioningException.transientFailure("the tracking edge (" + preflight.edge()
                        + ") did not serve the HTTP-01 challenge for " + host + " within " + preflightTimeout
                        + " (last answer: " + last + "); the CA was not asked to validate", null);
            }
            TimeUnit.MILLISECONDS.sleep(PREFLIGHT_INTERVAL.toMillis());
        }
    }

    private static ProvisioningException failure(Optional<Problem> problem, String fallback) {
        return problem.map(AcmeFailures::classify)
                .orElseGet(() -> ProvisioningException.transientFailure(fallback, null));
    }
}
