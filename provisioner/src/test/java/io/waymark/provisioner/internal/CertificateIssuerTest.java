package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.common.config.HostPort;
import io.waymark.common.host.Hostname;
import io.waymark.common.service.MeterNames;
import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.kafka.ChallengeKey;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * The issuer's dealings with the CA's newOrder endpoint that Pebble 2.4.0 cannot produce: ARI
 * {@code replaces} (Pebble has no renewalInfo), its refusal, and {@code rateLimited} with
 * Retry-After. The CA side is a scripted {@link AcmeOrders}; every answer after the order itself
 * is a network error, which ends the attempt as TRANSIENT without touching challenges.
 */
class CertificateIssuerTest {

    private static final String ACME = "urn:ietf:params:acme:error:";
    private static final String CERT_ID = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";
    private static final Hostname HOST = Hostname.parse("email.shop.com");
    private static final Hostname DOMAIN = Hostname.parse("shop.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RateLimitBuckets buckets = new RateLimitBuckets(RateLimitBuckets.letsEncryptDefaults(),
            RegisteredDomains.withBundledList(List.of()), clock);
    private final ScriptedOrders ca = new ScriptedOrders();
    private final CertificateIssuer issuer = new CertificateIssuer(ca, new UnusedChallenges(),
            new PreflightCheck(new HostPort("127.0.0.1", 9), Duration.ofSeconds(1)), buckets,
            new CertificateKeys(KeyType.EC_P256), new ResourcePoller(clock, Duration.ofSeconds(1)),
            Duration.ofSeconds(1), new ProvisionerMetrics(registry, MeterNames.forService("provisioner")), clock);

    @Test
    void renewalWithAnAriCertIdSendsReplacesAndIsExemptFromTheNewOrdersBucket() {
        // Given a CA whose directory offers renewalInfo
        ca.renewalInfo = true;
        ca.answers.add(networkError());

        // When a renewal naming its predecessor is issued
        ProvisioningException e = issue(renewal());

        // Then one order carried replaces, and the account-wide bucket was not charged
        assertThat(ca.requests).containsExactly(new AcmeOrders.Request(HOST.ascii(), Optional.empty(),
                Optional.of(CERT_ID)));
        assertThat(buckets.newOrdersLevel()).isEqualTo(300.0);
        assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.TRANSIENT);
        assertThat(counter("waymark_provisioner_acme_orders")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alreadyReplaced", "unauthorized"})
    void refusedReplacesIsOrderedOnceMoreWithoutItAndPaysTheNewOrdersBucket(String refusal) {
        // Given a CA with ARI that refuses the replaces of this renewal
        ca.renewalInfo = true;
        ca.answers.add(serverError(refusal, "the certificate " + CERT_ID + " cannot be replaced by this order"));
        ca.answers.add(networkError());

        // When
        ProvisioningException e = issue(renewal());

        // Then a second, plain order followed, charged like any new order
        assertThat(ca.requests).containsExactly(
                new AcmeOrders.Request(HOST.ascii(), Optional.empty(), Optional.of(CERT_ID)),
                new AcmeOrders.Request(HOST.ascii(), Optional.empty(), Optional.empty()));
        assertThat(buckets.newOrdersLevel()).isEqualTo(299.0);
        assertThat(counter("waymark_provisioner_acme_orders")).isEqualTo(2.0);
        // and the outcome is the second order's, not the refusal
        assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.TRANSIENT);
        assertThat(e.reason()).doesNotContain(refusal);
    }

    @Test
    void aRefusalOfAPlainOrderIsNotRetried() {
        // Given a CA with ARI, and a renewal that names no predecessor
        ca.renewalInfo = true;
        ca.answers.add(serverError("unauthorized", "account is not authorized for this name"));

        // When
        ProvisioningException e = issue(new IssuanceRequest(HOST, DOMAIN, CertificateOrderKind.RENEWAL, "o-1",
                Optional.empty()));

        // Then one order only, and the CA's answer decides
        assertThat(ca.requests).hasSize(1);
        assertThat(ca.requests.get(0).replaces()).isEmpty();
        assertThat(e.problemType()).contains(ACME + "unauthorized");
        assertThat(e.reason()).isEqualTo("CA error unauthorized: account is not authorized for this name");
    }

    @Test
    void withoutRenewalInfoARenewalOrdersPlainlyAndIsNotExempt() {
        // Given a CA without ARI (Pebble 2.4.0, for one)
        ca.renewalInfo = false;
        ca.answers.add(networkError());

        // When
        issue(renewal());

        // Then no replaces is sent, and the order counts against the new-orders bucket
        assertThat(ca.requests).containsExactly(new AcmeOrders.Request(HOST.ascii(), Optional.empty(),
                Optional.empty()));
        assertThat(buckets.newOrdersLevel()).isEqualTo(299.0);
    }

    @Test
    void rateLimitedCarriesTheCasRetryAfterSoTheRetryWaitsAtLeastThatLong() {
        // Given a CA that answers rateLimited with Retry-After two hours from now
        Instant retryAfter = Instant.now().plus(Duration.ofHours(2));
        ca.answers.add(new AcmeRateLimitedException(problem("rateLimited",
                "too many new orders recently: see https://letsencrypt.org/docs/rate-limits/"), retryAfter, null));

        // When
        ProvisioningException e = issue(new IssuanceRequest(HOST, DOMAIN, CertificateOrderKind.NEW, "o-1",
                Optional.empty()));

        // Then the failure is RATE_LIMITED, with the CA's detail and its Retry-After
        assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.RATE_LIMITED);
        assertThat(e.reason()).isEqualTo("CA error rateLimited: too many new orders recently: "
                + "see https://letsencrypt.org/docs/rate-limits/");
        assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                .isBetween(Duration.ofMinutes(119), Duration.ofHours(2)));
        assertThat(counter("waymark_provisioner_rate_limited")).isEqualTo(1.0);
        assertThat(ca.requests).hasSize(1);
        // and the retry after this first failure waits for it, not the policy's 1 minute
        Optional<Duration> delay = RetryPolicy.defaults(new Random(7)).delayAfter(1, e.retryAfter());
        assertThat(delay).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(e.retryAfter().get()));
    }

    private ProvisioningException issue(IssuanceRequest request) {
        return catchThrowableOfType(() -> issuer.issue(request), ProvisioningException.class);
    }

    private static IssuanceRequest renewal() {
        return new IssuanceRequest(HOST, DOMAIN, CertificateOrderKind.RENEWAL, "o-1", Optional.of(CERT_ID));
    }

    private double counter(String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static AcmeException networkError() {
        return new AcmeNetworkException(new IOException("connection reset"));
    }

    private static AcmeServerException serverError(String type, String detail) {
        return new AcmeServerException(problem(type, detail));
    }

    private static Problem problem(String type, String detail) {
        try {
            return new Problem(JSON.parse("{\"type\":\"" + ACME + type + "\",\"detail\":\"" + detail + "\","
                    + "\"status\":403}"), new URL("https://ca.test/acme/new-order"));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA's newOrder endpoint, answering from a script and recording each request. */
    private static final class ScriptedOrders implements AcmeOrders {

        final Deque<AcmeException> answers = new ArrayDeque<>();
        final List<Request> requests = new ArrayList<>();
        boolean renewalInfo;

        @Override
        public Optional<String> profile() {
            return Optional.empty();
        }

        @Override
        public boolean offersRenewalInfo() {
            return renewalInfo;
        }

        @Override
        public Order newOrder(Request request) throws AcmeException {
            requests.add(request);
            AcmeException answer = answers.poll();
            throw answer != null ? answer : new AcmeNetworkException(new IOException("script exhausted"));
        }
    }

    /** No test here gets as far as a challenge. */
    private static final class UnusedChallenges implements ChallengeSink {

        @Override
        public void publish(AcmeChallenge challenge) {
            throw new AssertionError("no challenge expected, got " + challenge);
        }

        @Override
        public void remove(ChallengeKey key) {
            throw new AssertionError("no challenge expected, got " + key);
        }
    }
}
