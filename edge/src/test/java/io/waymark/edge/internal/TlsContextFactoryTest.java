package io.waymark.edge.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.waymark.edge.TestPki;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLEngine;

import static org.assertj.core.api.Assertions.assertThat;

class TlsContextFactoryTest {

    @Test
    void boringSslIsTheProviderOnLinuxX8664() {
        // When
        TlsContextFactory factory = TlsContextFactory.detect();
        // Then
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative loads: %s", OpenSsl.unavailabilityCause()).isTrue();
        assertThat(OpenSsl.versionString()).containsIgnoringCase("BoringSSL");
        assertThat(factory.provider()).isEqualTo(SslProvider.OPENSSL);
    }

    @Test
    void contextsOfferOnlyTls12And13AndAlpnH2ThenHttp11() throws Exception {
        // Given
        TestPki.Leaf leaf = new TestPki().issue("a.shop.example");
        // When
        SslContext context = TlsContextFactory.detect().build(leaf.chainPem(), leaf.keyPair().getPrivate().getEncoded(), "EC-P256");
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
        // Then
        assertThat(context.isServer()).isTrue();
        // (the OpenSSL engine always lists the pseudo-protocol SSLv2Hello; BoringSSL cannot speak SSLv2)
        assertThat(engine.getEnabledProtocols()).contains("TLSv1.3", "TLSv1.2").doesNotContain("TLSv1", "TLSv1.1", "SSLv3");
        assertThat(context.applicationProtocolNegotiator().protocols()).containsExactly("h2", "http/1.1");
        io.netty.util.ReferenceCountUtil.release(engine);
    }
}
