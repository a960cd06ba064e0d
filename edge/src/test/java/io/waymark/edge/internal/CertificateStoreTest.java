package io.waymark.edge.internal;

import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.waymark.common.seal.KeySealer;
import io.waymark.edge.TestKeys;
import io.waymark.edge.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateStoreTest {

    private final EdgeMetrics metrics = EdgeMetrics.noop();
    private final KeySealer sealer = new KeySealer(TestKeys.random().sealRing());
    private final CertificateStore store = new CertificateStore(sealer, TlsContextFactory.detect(), 10, Runnable::run, metrics);

    private Future<SslContext> lookup(String host) {
        return store.map(host, ImmediateEventExecutor.INSTANCE.newPromise());
    }

    @Test
    void keysAreOpenedOnlyAtTheFirstHandshakeAndCached() throws Exception {
        // Given
        TestPki pki = new TestPki();
        store.apply("a.shop.example", CertificateRecords.of("a.shop.example", pki.issue("a.shop.example"), sealer, 1));
        assertThat(metrics.count("certificates", "outcome", "opened")).isZero();
        // When
        SslContext first = lookup("a.shop.example").getNow();
        SslContext second = lookup("a.shop.example").getNow();
        // Then
        assertThat(first).isNotNull().isSameAs(second);
        assertThat(metrics.count("certificates", "outcome", "opened")).isEqualTo(1);
    }

    @Test
    void newerVersionReplacesOlderIsIgnoredTombstoneRemoves() throws Exception {
        // Given
        TestPki pki = new TestPki();
        TestPki.Leaf v1 = pki.issue("a.shop.example");
        TestPki.Leaf v2 = pki.issue("a.shop.example");
        store.apply("a.shop.example", CertificateRecords.of("a.shop.example", v1, sealer, 1));
        SslContext before = lookup("a.shop.example").getNow();
        // When
        store.apply("a.shop.example", CertificateRecords.of("a.shop.example", v2, sealer, 2));
        store.apply("a.shop.example", CertificateRecords.of("a.shop.example", v1, sealer, 1));
        // Then
        assertThat(store.record("a.shop.example").getSerialHex()).isEqualTo(v2.serialHex());
        assertThat(lookup("a.shop.example").getNow()).isNotNull().isNotSameAs(before);
        assertThat(metrics.count("certificates", "outcome", "stale")).isEqualTo(1);
        // When
        store.apply("a.shop.example", null);
        // Then
        assertThat(lookup("a.shop.example").cause()).isSameAs(CertificateStore.UNKNOWN);
    }

    @Test
    void aSealedKeyMovedToAnotherHostNeverServes() throws Exception {
        // Given: b's record carries a's sealed key
        TestPki pki = new TestPki();
        var a = CertificateRecords.of("a.shop.example", pki.issue("a.shop.example"), sealer, 1);
        var b = CertificateRecords.of("b.shop.example", pki.issue("b.shop.example"), sealer, 1);
        b.setSealedKey(a.getSealedKey());
        store.apply("b.shop.example", b);
        // When
        Future<SslContext> result = lookup("b.shop.example");
        // Then
        assertThat(result.isSuccess()).isFalse();
        assertThat(metrics.count("certificates", "outcome", "seal_wrong_key_or_tampered")).isEqualTo(1);
    }
}
