package io.waymark.edge.internal;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressPolicyTest {

    /** An EmbeddedChannel whose peer is {@code peer}. */
    private static EmbeddedChannel from(String peer) {
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(peer, 40_000);
            }
        };
    }

    private static HttpRequest withForwardedFor(String value) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/c/x");
        if (value != null) {
            request.headers().add("X-Forwarded-For", value);
        }
        return request;
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() throws Exception {
        // Given
        ClientAddressPolicy policy = new ClientAddressPolicy(List.of(CidrBlock.parse("10.0.0.0/8")));
        // When
        InetAddress client = policy.clientAddress(from("198.51.100.7"), withForwardedFor("203.0.113.9"));
        // Then
        assertThat(client.getHostAddress()).isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedForIsWalkedFromTheRightSkippingTrustedHops() throws Exception {
        // Given
        ClientAddressPolicy policy = new ClientAddressPolicy(List.of(CidrBlock.parse("10.0.0.0/8")));
        // When
        InetAddress client = policy.clientAddress(from("10.1.2.3"), withForwardedFor("6.6.6.6, 203.0.113.9, 10.9.9.9"));
        // Then: the spoofable left part is never reached
        assertThat(client.getHostAddress()).isEqualTo("203.0.113.9");
    }

    @Test
    void addressesAreAnonymisedToTheirNetwork() throws Exception {
        // Given / When / Then
        assertThat(ClientAddressPolicy.anonymise(InetAddress.getByName("203.0.113.77"))).isEqualTo("203.0.113.0");
        assertThat(ClientAddressPolicy.anonymise(InetAddress.getByName("2001:db8:1234:5678::1"))).isEqualTo("2001:db8:1234::");
        assertThat(ClientAddressPolicy.anonymise(null)).isNull();
    }

    @Test
    void cidrBlocksMatchByPrefix() {
        // Given
        CidrBlock block = CidrBlock.parse("17.0.0.0/8");
        // When / Then
        assertThat(block.contains(addr("17.58.1.2"))).isTrue();
        assertThat(block.contains(addr("18.0.0.1"))).isFalse();
        assertThat(block.contains(addr("::1"))).isFalse();
    }

    private static InetAddress addr(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
