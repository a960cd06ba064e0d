package io.waymark.edge.internal;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RequestHeadTimeoutHandlerTest {

    private static final long TIMEOUT_MILLIS = 1_000;

    private final EdgeMetrics metrics = EdgeMetrics.noop();

    private EmbeddedChannel channel() {
        RequestHeadTimeoutHandler timeout = new RequestHeadTimeoutHandler(TIMEOUT_MILLIS, metrics);
        EmbeddedChannel channel = new EmbeddedChannel(timeout,
                new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(8192).setMaxHeaderSize(16384)),
                timeout.headReceived(), new HttpRequestGuardHandler(metrics), new NotFoundHandler(metrics));
        channel.freezeTime();
        return channel;
    }

    private static void send(EmbeddedChannel channel, String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    private double timeouts() {
        Counter counter = metrics.registry().find("waymark_edge_requests").tag("outcome", "header_timeout").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aHeadTrickledPastTheDeadlineIs408AndClosed() {
        // Given a client that keeps sending a byte or so well within any read timeout
        EmbeddedChannel channel = channel();
        send(channel, "GET /c/abc HTTP/1.1\r\n");
        advance(channel, 400);
        send(channel, "Host: a.exa");
        advance(channel, 400);
        send(channel, "mple\r\nX-A: 1");
        assertThat(channel.isOpen()).isTrue();
        // When the total time since the head's first byte passes the deadline
        advance(channel, 250);
        // Then
        assertThat(written(channel)).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close");
        assertThat(channel.isOpen()).isFalse();
        assertThat(timeouts()).isEqualTo(1.0);
    }

    @Test
    void aHeadCompletedInTimeIsServedAndTheIdleConnectionIsNotTimedOut() {
        // Given
        EmbeddedChannel channel = channel();
        send(channel, "GET /x HTTP/1.1\r\nHo");
        advance(channel, 900);
        // When the head completes just before the deadline
        send(channel, "st: a.example\r\n\r\n");
        // Then it is answered, and waiting between requests is not a slow head
        assertThat(written(channel)).startsWith("HTTP/1.1 404");
        advance(channel, 5 * TIMEOUT_MILLIS);
        assertThat(channel.isOpen()).isTrue();
        assertThat(written(channel)).isEmpty();
        assertThat(timeouts()).isZero();
    }

    @Test
    void theDeadlineRestartsForEachRequestOnAKeepAliveConnection() {
        // Given one request answered after most of a deadline
        EmbeddedChannel channel = channel();
        send(channel, "GET /x HTTP/1.1\r\n");
        advance(channel, 800);
        send(channel, "Host: a.example\r\n\r\n");
        assertThat(written(channel)).startsWith("HTTP/1.1 404");
        // When a second head starts later and takes 900 ms, then another that trickles on
        advance(channel, 3_000);
        send(channel, "GET /y HTTP/1.1\r\n");
        advance(channel, 900);
        send(channel, "Host: a.example\r\n\r\n");
        assertThat(written(channel)).startsWith("HTTP/1.1 404");
        send(channel, "GET /z HTTP/1.1\r\n");
        advance(channel, 999);
        assertThat(channel.isOpen()).isTrue();
        advance(channel, 2);
        // Then only the third, which overran its own deadline, is cut off
        assertThat(written(channel)).startsWith("HTTP/1.1 408");
        assertThat(channel.isOpen()).isFalse();
        assertThat(timeouts()).isEqualTo(1.0);
    }
}
