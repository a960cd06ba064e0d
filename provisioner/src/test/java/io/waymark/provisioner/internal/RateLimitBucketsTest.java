package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.host.Hostname;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitBucketsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RegisteredDomains domains = RegisteredDomains.withBundledList(List.of());

    @Test
    void newOrdersBucketIsAccountWideAndDefersWithTheRefillTime() {
        // Given an account allowed 3 orders per 3 hours
        RateLimitBuckets buckets = new RateLimitBuckets(List.of(RateLimit.NEW_ORDERS.with(3, Duration.ofHours(3))),
                domains, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.admitOrder(host("email" + i + ".shop" + i + ".com"), false).granted()).isTrue();
        }

        // When a fourth host of another domain orders
        RateLimitBuckets.Admission fourth = buckets.admitOrder(host("email.other.com"), false);

        // Then it is deferred by one hour (the refill of one token), and admitted once that passed
        assertThat(fourth.granted()).isFalse();
        assertThat(fourth.limit()).isEqualTo("new_orders");
        assertThat(fourth.delay()).isEqualTo(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        assertThat(buckets.admitOrder(host("email.other.com"), false).granted()).isTrue();
    }

    @Test
    void certificatesPerRegisteredDomainCountAcrossHostsUnderThePublicSuffix() {
        // Given 2 certificates per registered domain; hosts under example.co.uk share a bucket
        RateLimitBuckets buckets = new RateLimitBuckets(
                List.of(RateLimit.CERTIFICATES_PER_DOMAIN.with(2, Duration.ofDays(7))), domains, clock);
        assertThat(buckets.admitOrder(host("a.example.co.uk"), false).granted()).isTrue();
        assertThat(buckets.admitOrder(host("b.example.co.uk"), false).granted()).isTrue();

        // When / Then a third host of the same registered domain waits; another co.uk domain does not
        RateLimitBuckets.Admission third = buckets.admitOrder(host("c.mail.example.co.uk"), false);
        assertThat(third.granted()).isFalse();
        assertThat(third.limit()).isEqualTo("certificates_per_domain");
        assertThat(buckets.admitOrder(host("a.other.co.uk"), false).granted()).isTrue();
    }

    @Test
    void ariRenewalsAreExemptFromNewOrdersAndPerDomainButNotFromDuplicates() {
        // Given both account-wide buckets empty
        RateLimitBuckets buckets = new RateLimitBuckets(List.of(RateLimit.NEW_ORDERS.with(1, Duration.ofHours(3)),
                RateLimit.CERTIFICATES_PER_DOMAIN.with(1, Duration.ofDays(7)),
                RateLimit.DUPLICATE_CERTIFICATES.with(2, Duration.ofDays(7))), domains, clock);
        assertThat(buckets.admitOrder(host("email.example.com"), false).granted()).isTrue();

        // When / Then a renewal naming its predecessor is admitted, until the duplicate limit bites
        assertThat(buckets.admitOrder(host("email.example.com"), true).granted()).isTrue();
        RateLimitBuckets.Admission third = buckets.admitOrder(host("email.example.com"), true);
        assertThat(third.granted()).isFalse();
        assertThat(third.limit()).isEqualTo("duplicate_certificates");
    }

    @Test
    void failedValidationsPerHostBlockValidationAndOrdersOfThatHostOnly() {
        // Given 5 failed validations per hour
        RateLimitBuckets buckets = new RateLimitBuckets(RateLimitBuckets.letsEncryptDefaults(), domains, clock);
        Hostname failing = host("email.broken.com");
        for (int i = 0; i < 5; i++) {
            buckets.recordFailedValidation(failing);
        }

        // When / Then
        assertThat(buckets.admitValidation(failing).granted()).isFalse();
        assertThat(buckets.admitValidation(failing).delay()).isEqualTo(Duration.ofMinutes(12));
        assertThat(buckets.admitOrder(failing, false).limit()).isEqualTo("failed_validations");
        assertThat(buckets.admitValidation(host("email.fine.com")).granted()).isTrue();
        assertThat(buckets.lowestLevel("failed_validations")).isZero();
        clock.advance(Duration.ofMinutes(12));
        assertThat(buckets.admitValidation(failing).granted()).isTrue();
    }

    @Test
    void refusedOrderTakesNoTokenFromAnyBucket() {
        // Given a per-domain bucket that is empty and a new-orders bucket with room
        RateLimitBuckets buckets = new RateLimitBuckets(List.of(RateLimit.NEW_ORDERS.with(10, Duration.ofHours(3)),
                RateLimit.CERTIFICATES_PER_DOMAIN.with(1, Duration.ofDays(7))), domains, clock);
        buckets.admitOrder(host("a.example.com"), false);
        double before = buckets.newOrdersLevel();

        // When
        assertThat(buckets.admitOrder(host("b.example.com"), false).granted()).isFalse();

        // Then
        assertThat(buckets.newOrdersLevel()).isEqualTo(before);
    }

    private static Hostname host(String name) {
        return Hostname.parse(name);
    }
}
