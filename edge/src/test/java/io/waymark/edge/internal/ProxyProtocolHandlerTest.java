package io.waymark.edge.internal;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyProtocolHandlerTest {

    private static final String REQUEST = "GET /c/t HTTP/1.1\r\nHost: a.example\r\n\r\n";
    private static final List<CidrBlock> BALANCERS = List.of(CidrBlock.parse("10.0.0.0/8"));

    private final EdgeMetrics metrics = EdgeMetrics.noop();
    private final ClientAddressPolicy policy = new ClientAddressPolicy(List.of());

    /** A connection from {@code peer} through the PROXY detection and the HTTP decoder. */
    private EmbeddedChannel channelFrom(String peer) throws Exception {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(peer), 51000);
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        channel.pipeline().addLast("proxy", new ProxyProtocolHandler(BALANCERS, metrics));
        channel.pipeline().addLast("http", new HttpServerCodec());
        return channel;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    /** A PROXY v2 header (TCP over IPv6, PROXY command) per the HAProxy protocol spec §2.2. */
    private static ByteBuf v2Ipv6(String source, String destination) throws Exception {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.writeByte(0x21); // version 2, PROXY
        b.writeByte(0x21); // AF_INET6, STREAM
        b.writeShort(36);
        b.writeBytes(InetAddress.getByName(source).getAddress());
        b.writeBytes(InetAddress.getByName(destination).getAddress());
        b.writeShort(51000);
        b.writeShort(443);
        return b;
    }

    private double outcome(String outcome) {
        Counter counter = metrics.registry().find("waymark_edge_requests").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aV1HeaderFromATrustedBalancerNamesTheClient() throws Exception {
        // Given
        EmbeddedChannel channel = channelFrom("10.1.2.3");
        // When the header arrives split, then the request right behind it
        channel.writeInbound(ascii("PROXY TCP4 203.0.113.77 "));
        channel.writeInbound(ascii("192.0.2.10 51000 443\r\n" + REQUEST));
        // Then
        HttpRequest request = channel.readInbound();
        assertThat(request.uri()).isEqualTo("/c/t");
        InetAddress client = policy.clientAddress(channel, request);
        assertThat(client).isEqualTo(InetAddress.getByName("203.0.113.77"));
        assertThat(ClientAddressPolicy.anonymise(client)).isEqualTo("203.0.113.0");
        // a policy for an edge without PROXY protocol does not look for the header's address
        assertThat(new ClientAddressPolicy(List.of(), false).clientAddress(channel, request))
                .isEqualTo(InetAddress.getByName("10.1.2.3"));
        assertThat(channel.pipeline().get("proxy")).isNull();
        assertThat(channel.pipeline().get(ProxyProtocolHandler.ProxiedClientHandler.class)).isNull();
        assertThat(outcome("proxy_header")).isEqualTo(1.0);
        channel.finishAndReleaseAll();
    }

    @Test
    void aV2HeaderFromATrustedBalancerNamesAnIpv6Client() throws Exception {
        // Given
        EmbeddedChannel channel = channelFrom("10.1.2.3");
        ByteBuf wire = v2Ipv6("2001:db8:1234:5678::1", "2001:db8::443");
        wire.writeCharSequence(REQUEST, StandardCharsets.US_ASCII);
        // When
        channel.writeInbound(wire);
        // Then
        HttpRequest request = channel.readInbound();
        InetAddress client = policy.clientAddress(channel, request);
        assertThat(ClientAddressPolicy.anonymise(client)).isEqualTo("2001:db8:1234::");
        channel.finishAndReleaseAll();
    }

    @Test
    void aHeaderFromAnUntrustedPeerClosesTheConnection() throws Exception {
        // Given a client that tries to choose its own address
        EmbeddedChannel channel = channelFrom("198.51.100.9");
        // When
        channel.writeInbound(ascii("PROXY TCP4 203.0.113.77 192.0.2.10 51000 443\r\n" + REQUEST));
        // Then
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(outcome("proxy_untrusted")).isEqualTo(1.0);
    }

    @Test
    void withoutAHeaderTheSocketPeerIsTheClient() throws Exception {
        // Given a direct client and a balancer health check, neither sending a header
        for (String peer : List.of("198.51.100.9", "10.1.2.3")) {
            EmbeddedChannel channel = channelFrom(peer);
            // When
            channel.writeInbound(ascii(REQUEST));
            // Then
            HttpRequest request = channel.readInbound();
            assertThat(request.uri()).isEqualTo("/c/t");
            assertThat(policy.clientAddress(channel, request)).isEqualTo(InetAddress.getByName(peer));
            assertThat(channel.pipeline().get("proxy")).isNull();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aMalformedHeaderFromATrustedBalancerClosesTheConnection() throws Exception {
        // Given
        EmbeddedChannel channel = channelFrom("10.1.2.3");
        // When the address is not an IPv4 literal
        channel.writeInbound(ascii("PROXY TCP4 not-an-address 192.0.2.10 51000 443\r\n" + REQUEST));
        // Then
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aLocalV2HeaderKeepsTheSocketPeer() throws Exception {
        // Given a balancer's own health check (LOCAL command, AF_UNSPEC)
        EmbeddedChannel channel = channelFrom("10.1.2.3");
        ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0x00, 0x00});
        wire.writeCharSequence(REQUEST, StandardCharsets.US_ASCII);
        // When
        channel.writeInbound(wire);
        // Then
        HttpRequest request = channel.readInbound();
        assertThat(policy.clientAddress(channel, request)).isEqualTo(InetAddress.getByName("10.1.2.3"));
        channel.finishAndReleaseAll();
    }
}
