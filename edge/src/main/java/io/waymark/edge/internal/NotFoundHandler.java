package io.waymark.edge.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/** Last handler: every request no route took gets 404. Sharable. */
@ChannelHandler.Sharable
public final class NotFoundHandler extends ChannelInboundHandlerAdapter {

    private final EdgeMetrics metrics;

    public NotFoundHandler(EdgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            metrics.request("not_found");
            HttpResponder.send(ctx, request, HttpResponder.notFound(), false);
        }
        ReferenceCountUtil.release(msg);
    }
}
