package io.waymark.edge.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HttpLimitsTest {

    private final EdgeMetrics metrics = EdgeMetrics.noop();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(
                new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(8192).setMaxHeaderSize(16384)),
                new HttpRequestGuardHandler(metrics), new NotFoundHandler(metrics));
    }

    private static String status(EmbeddedChannel channel, String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            io.netty.buffer.ByteBuf b = (io.netty.buffer.ByteBuf) o;
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    @Test
    void requestLineOverEightKilobytesIs414AndCloses() {
        // Given
        EmbeddedChannel channel = channel();
        // When
        String response = status(channel, "GET /c/" + "a".repeat(8300) + " HTTP/1.1\r\nHost: a.example\r\n\r\n");
        // Then
        assertThat(response).startsWith("HTTP/1.1 414");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void headersOverSixteenKilobytesAre431AndClose() {
        // Given
        EmbeddedChannel channel = channel();
        // When
        String response = status(channel, "GET / HTTP/1.1\r\nHost: a.example\r\nX-Big: " + "b".repeat(17_000) + "\r\n\r\n");
        // Then
        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void requestsWithinTheLimitsAreRouted() {
        // Given
        EmbeddedChannel channel = channel();
        // When
        String response = status(channel, "GET /" + "a".repeat(8000) + " HTTP/1.1\r\nHost: a.example\r\nX-Big: "
                + "b".repeat(15_000) + "\r\n\r\n");
        // Then
        assertThat(response).startsWith("HTTP/1.1 404");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void garbageIs400() {
        // Given
        EmbeddedChannel channel = channel();
        // When
        String response = status(channel, "\u0001\u0002 nonsense\r\n\r\n");
        // Then
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(channel.isOpen()).isFalse();
    }
}
