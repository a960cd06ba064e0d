package io.waymark.edge.internal;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.edge.TestKeys;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingHandlerTest {

    private static final Hostname HOST = Hostname.parse("email.shop.example");
    private static final String URL = "https://shop.example/sale?id=7";

    private final TestKeys keys = TestKeys.random();
    private final TrackingTokenCodec codec = new TrackingTokenCodec(keys.tokenRing());
    private final List<TrackingEvent> events = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final EdgeMetrics metrics = EdgeMetrics.noop();

    private EmbeddedChannel channel() {
        EventSink sink = (event, reason) -> {
            events.add(event);
            reasons.add(reason);
            return true;
        };
        TrackingHandler tracking = new TrackingHandler(codec, sink, new ClientAddressPolicy(List.of()),
                new BotClassifier(List.of("scanner-bot"), List.of()), "edge-1",
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC), metrics);
        return new EmbeddedChannel(new HttpRequestGuardHandler(metrics), tracking, new NotFoundHandler(metrics));
    }

    private String clickToken(Hostname host) {
        return codec.encode(TrackingToken.click("msg-1", RecipientDigest.of("ann@example.org"), Hostname.parse("shop.example"), 3, URL), host);
    }

    private static FullHttpRequest get(String uri, String host) {
        return request(HttpMethod.GET, uri, host);
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String host) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (host != null) {
            request.headers().set(HttpHeaderNames.HOST, host);
        }
        request.headers().set(HttpHeaderNames.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        return request;
    }

    private static FullHttpResponse answer(EmbeddedChannel channel, FullHttpRequest request) {
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("response").isNotNull();
        return response;
    }

    @Test
    void anInternationalUrlIsRedirectedAsAnAsciiUriAndRecordedAsSigned() {
        // Given a link written as an IRI in the message
        EmbeddedChannel channel = channel();
        String iri = "https://bücher.example/café?q=中";
        String token = codec.encode(TrackingToken.click("msg-1", RecipientDigest.of("ann@example.org"),
                Hostname.parse("shop.example"), 1, iri), HOST);
        // When
        FullHttpResponse response = answer(channel, get("/c/" + token, "email.shop.example"));
        // Then
        assertThat(response.status().code()).isEqualTo(302);
        assertThat(response.headers().get(HttpHeaderNames.LOCATION))
                .isEqualTo("https://xn--bcher-kva.example/caf%C3%A9?q=%E4%B8%AD");
        assertThat(events).singleElement().satisfies(e -> assertThat(e.getUrl()).isEqualTo(iri));
        response.release();
    }

    @Test
    void validClickRedirectsWithoutCachingOrReferrerAndPublishesOneEvent() {
        // Given
        EmbeddedChannel channel = channel();
        // When
        FullHttpResponse response = answer(channel, get("/c/" + clickToken(HOST) + "?utm=x", "email.shop.example:443"));
        // Then
        assertThat(response.status().code()).isEqualTo(302);
        assertThat(response.headers().get(HttpHeaderNames.LOCATION)).isEqualTo(URL);
        assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(response.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getKind()).isEqualTo(TrackingEventKind.CLICK);
            assertThat(e.getMessageId()).isEqualTo("msg-1");
            assertThat(e.getRecipient()).isEqualTo(RecipientDigest.of("ann@example.org").toString()).hasSize(24);
            assertThat(e.getSendingDomain()).isEqualTo("shop.example");
            assertThat(e.getTrackingHost()).isEqualTo("email.shop.example");
            assertThat(e.getUrl()).isEqualTo(URL);
            assertThat(e.getLinkIndex()).isEqualTo(3);
            assertThat(e.getBot()).isFalse();
            assertThat(e.getEdgeNode()).isEqualTo("edge-1");
            assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
            assertThat(e.getEventId()).hasSize(36);
        });
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void openAnswersTheFortyThreeByteGif() {
        // Given
        EmbeddedChannel channel = channel();
        String token = codec.encode(TrackingToken.open("msg-2", RecipientDigest.of("bob@example.org"), Hostname.parse("shop.example")), HOST);
        // When
        FullHttpResponse response = answer(channel, get("/o/" + token, "email.shop.example"));
        // Then
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("image/gif");
        assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(response.content().readableBytes()).isEqualTo(43);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getKind()).isEqualTo(TrackingEventKind.OPEN);
            assertThat(e.getUrl()).isNull();
            assertThat(e.getLinkIndex()).isNull();
        });
    }

    @Test
    void tamperedForgedOtherHostAndWrongKindTokensAre404WithoutEvent() {
        // Given
        EmbeddedChannel channel = channel();
        String good = clickToken(HOST);
        char last = good.charAt(good.length() - 1);
        String tampered = good.substring(0, good.length() - 1) + (last == 'A' ? 'Q' : 'A');
        String forged = new TrackingTokenCodec(TestKeys.random().tokenRing()).encode(
                TrackingToken.click("msg-1", RecipientDigest.of("ann@example.org"), Hostname.parse("shop.example"), 3, URL), HOST);
        String otherHost = clickToken(Hostname.parse("email.other.example"));
        // When / Then
        for (String uri : List.of("/c/" + tampered, "/c/" + forged, "/c/" + otherHost, "/o/" + good, "/c/", "/c/%00")) {
            FullHttpResponse response = answer(channel, get(uri, "email.shop.example"));
            assertThat(response.status().code()).as(uri).isEqualTo(404);
            assertThat(response.headers().get(HttpHeaderNames.LOCATION)).isNull();
        }
        assertThat(events).isEmpty();
        assertThat(metrics.count("tokens_rejected", "reason", "bad_signature")).isGreaterThanOrEqualTo(2);
        assertThat(metrics.count("tokens_rejected", "reason", "wrong_kind")).isEqualTo(1);
    }

    @Test
    void hostDifferentFromSniIsMisdirected() {
        // Given
        EmbeddedChannel channel = channel();
        channel.attr(EdgeSniHandler.SNI_HOST).set("email.other.example");
        // When
        FullHttpResponse response = answer(channel, get("/c/" + clickToken(HOST), "email.shop.example"));
        // Then
        assertThat(response.status().code()).isEqualTo(421);
        assertThat(events).isEmpty();
    }

    @Test
    void headIsFlaggedAsMachineWithReasonAndHasNoBody() {
        // Given
        EmbeddedChannel channel = channel();
        // When
        FullHttpResponse response = answer(channel, request(HttpMethod.HEAD, "/c/" + clickToken(HOST), "email.shop.example"));
        // Then
        assertThat(response.status().code()).isEqualTo(302);
        assertThat(response.content().readableBytes()).isZero();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.getBot()).isTrue());
        assertThat(reasons).containsExactly("head");
    }

    @Test
    void scannerUserAgentIsFlagged() {
        // Given
        EmbeddedChannel channel = channel();
        FullHttpRequest request = get("/c/" + clickToken(HOST), "email.shop.example");
        request.headers().set(HttpHeaderNames.USER_AGENT, "Corp Scanner-Bot/2.0");
        // When
        answer(channel, request);
        // Then
        assertThat(reasons).containsExactly("scanner");
    }

    @Test
    void methodsOtherThanGetAndHeadAre405AndClose() {
        // Given
        EmbeddedChannel channel = channel();
        // When
        FullHttpResponse response = answer(channel, request(HttpMethod.POST, "/c/" + clickToken(HOST), "email.shop.example"));
        // Then
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        assertThat(channel.isOpen()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void otherPathsAndMissingHostAre404() {
        // Given
        EmbeddedChannel channel = channel();
        // When / Then
        assertThat(answer(channel, get("/", "email.shop.example")).status().code()).isEqualTo(404);
        assertThat(answer(channel, get("/c/" + clickToken(HOST), null)).status().code()).isEqualTo(404);
        assertThat(answer(channel, get("/c/" + clickToken(HOST), "bad_host!")).status().code()).isEqualTo(404);
        assertThat(events).isEmpty();
    }
}
