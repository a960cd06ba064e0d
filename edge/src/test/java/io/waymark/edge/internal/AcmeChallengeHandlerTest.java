package io.waymark.edge.internal;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.waymark.schemas.AcmeChallenge;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AcmeChallengeHandlerTest {

    private final EdgeMetrics metrics = EdgeMetrics.noop();
    private final ChallengeStore store = new ChallengeStore(Clock.systemUTC());

    private static AcmeChallenge challenge(String host, String token, Instant expires) {
        return AcmeChallenge.newBuilder().setTrackingHost(host).setToken(token)
                .setKeyAuthorization(token + ".thumbprint").setExpiresAt(expires).setOrderId("order-1").build();
    }

    private FullHttpResponse get(String uri, String host) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestGuardHandler(metrics),
                new AcmeChallengeHandler(store, metrics), new NotFoundHandler(metrics));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().set(HttpHeaderNames.HOST, host);
        channel.writeInbound(request);
        return channel.readOutbound();
    }

    @Test
    void answersTheKeyAuthorizationForTheMatchingHostOnly() {
        // Given
        Instant later = Instant.now().plus(Duration.ofHours(1));
        store.apply("email.shop.example/tok-1", challenge("email.shop.example", "tok-1", later));
        // When
        FullHttpResponse match = get("/.well-known/acme-challenge/tok-1", "EMAIL.shop.example:5002");
        FullHttpResponse otherHost = get("/.well-known/acme-challenge/tok-1", "email.other.example");
        FullHttpResponse otherToken = get("/.well-known/acme-challenge/tok-2", "email.shop.example");
        // Then
        assertThat(match.status().code()).isEqualTo(200);
        assertThat(match.content().toString(StandardCharsets.UTF_8)).isEqualTo("tok-1.thumbprint");
        assertThat(otherHost.status().code()).isEqualTo(404);
        assertThat(otherToken.status().code()).isEqualTo(404);
    }

    @Test
    void tombstoneAndExpiryStopTheAnswer() {
        // Given
        store.apply("a.shop.example/t1", challenge("a.shop.example", "t1", Instant.now().plusSeconds(600)));
        store.apply("a.shop.example/t2", challenge("a.shop.example", "t2", Instant.now().minusSeconds(1)));
        // When
        store.apply("a.shop.example/t1", null);
        // Then
        assertThat(get("/.well-known/acme-challenge/t1", "a.shop.example").status().code()).isEqualTo(404);
        assertThat(get("/.well-known/acme-challenge/t2", "a.shop.example").status().code()).isEqualTo(404);
    }
}
