package io.waymark.edge.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.waymark.common.seal.KeySealer;
import io.waymark.edge.TestKeys;
import io.waymark.edge.TestPki;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EdgeSniHandlerTest {

    private final EdgeMetrics metrics = EdgeMetrics.noop();
    private final TestKeys keys = TestKeys.random();
    private final KeySealer sealer = new KeySealer(keys.sealRing());
    private final Executor direct = Runnable::run;
    private final CertificateStore store = new CertificateStore(sealer, TlsContextFactory.detect(), 10, direct, metrics);

    /** The ClientHello a real TLS client sends for {@code sni} (null: no SNI). */
    private static ByteBuf clientHello(String sni) throws Exception {
        SslContext client = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        EmbeddedChannel clientChannel = new EmbeddedChannel();
        SslHandler handler = sni == null ? client.newHandler(clientChannel.alloc()) : client.newHandler(clientChannel.alloc(), sni, 443);
        clientChannel.pipeline().addLast(handler);
        ByteBuf hello = clientChannel.readOutbound();
        assertThat(hello).isNotNull();
        return hello;
    }

    private EmbeddedChannel serverChannel() {
        return new EmbeddedChannel(new EdgeSniHandler(store, 10_000, metrics));
    }

    @Test
    void unknownNameGetsUnrecognizedNameAlertAndIsCounted() throws Exception {
        // Given
        EmbeddedChannel server = serverChannel();
        // When
        server.writeInbound(clientHello("nobody.example.com"));
        // Then
        ByteBuf alert = server.readOutbound();
        assertThat(alert).isNotNull();
        byte[] bytes = new byte[alert.readableBytes()];
        alert.readBytes(bytes);
        assertThat(bytes).containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70);
        assertThat(server.isOpen()).isFalse();
        assertThat(metrics.count("sni_rejected", "reason", "unknown")).isEqualTo(1);
    }

    @Test
    void missingNameIsRefusedAndCountedApart() throws Exception {
        // Given
        EmbeddedChannel server = serverChannel();
        // When
        server.writeInbound(clientHello(null));
        // Then
        await().until(() -> !server.isOpen());
        assertThat(metrics.count("sni_rejected", "reason", "missing")).isEqualTo(1);
    }

    @Test
    void knownNameSwitchesToTlsAndRemembersTheHost() throws Exception {
        // Given
        TestPki pki = new TestPki();
        store.apply("email.shop.example", CertificateRecords.of("email.shop.example", pki.issue("email.shop.example"), sealer, 1));
        EmbeddedChannel server = serverChannel();
        // When
        server.writeInbound(clientHello("EMAIL.shop.example"));
        // Then
        assertThat(server.pipeline().get(SslHandler.class)).isNotNull();
        assertThat(server.attr(EdgeSniHandler.SNI_HOST).get()).isEqualTo("email.shop.example");
        ByteBuf serverHello = server.readOutbound();
        assertThat(serverHello).isNotNull();
        assertThat(serverHello.getByte(0)).isEqualTo((byte) 0x16);
        assertThat(metrics.count("certificates", "outcome", "opened")).isEqualTo(1);
        serverHello.release();
        server.finishAndReleaseAll();
    }
}
