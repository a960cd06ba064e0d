package io.waymark.edge.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections across both ports: a connection over the cap is closed as soon as it is
 * accepted, before any TLS work, and counted. Sharable; one instance per server.
 */
@ChannelHandler.Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final EdgeMetrics metrics;

    public ConnectionLimitHandler(int max, EdgeMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
        metrics.gauge("connections_open", "open client connections", open::get);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            metrics.connectionRefused();
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }

    public int open() {
        return open.get();
    }
}
