package io.waymark.edge.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.Future;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A total deadline for receiving one HTTP/1.1 request head (request line and headers). The read
 * timeout alone lets a client that trickles a byte just under it keep a connection for as long as
 * the header-size limit allows; this closes it {@code edge.http.header-timeout} after the first
 * byte of the head, with {@code 408 Request Timeout} (RFC 9110 §15.5.9) and the outcome
 * {@code header_timeout}.
 *
 * <p>Two pipeline entries share one state: this handler sits before the HTTP codec and starts the
 * clock on the first bytes of a head; {@link #headReceived()} sits after the codec and stops it
 * when the decoder emits the request. Keep-alive connections cost no timer per request: one task
 * is scheduled when a head starts and none is pending, and when it runs it either closes,
 * re-schedules itself for the time left, or lapses because no head is in progress. Not sharable.
 */
public final class RequestHeadTimeoutHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final long timeoutNanos;
    private final EdgeMetrics metrics;
    private final ChannelHandler completion = new HeadReceived();

    private ChannelHandlerContext ctx;
    private boolean inHead;
    private long headStartNanos;
    private Future<?> check;

    public RequestHeadTimeoutHandler(long timeoutMillis, EdgeMetrics metrics) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive: " + timeoutMillis);
        }
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.metrics = metrics;
    }

    /** The companion to place right after the HTTP decoder: it marks a head as complete. */
    public ChannelHandler headReceived() {
        return completion;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inHead && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            inHead = true;
            headStartNanos = ctx.executor().ticker().nanoTime();
            if (check == null) {
                check = ctx.executor().schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void check() {
        check = null;
        if (!inHead || !ctx.channel().isActive()) {
            return;
        }
        long left = timeoutNanos - (ctx.executor().ticker().nanoTime() - headStartNanos);
        if (left > 0) {
            check = ctx.executor().schedule(this::check, left, TimeUnit.NANOSECONDS);
            return;
        }
        inHead = false;
        metrics.request("header_timeout");
        // Written below the codec: the codec may hold half a request and owes no response.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        inHead = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** After the decoder: a decoded request (valid or not) ends the head. */
    private final class HeadReceived extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                inHead = false;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
