package io.waymark.edge.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsyncMapping;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;

/**
 * Netty's {@link SniHandler} over the {@link CertificateStore}, with two additions: the chosen
 * name is kept as the channel attribute {@link #SNI_HOST} (the request handlers compare it with
 * Host), and a name the store cannot serve ends the handshake with a fatal
 * {@code unrecognized_name} alert (RFC 6066 §3) and a metric instead of an exception. Not
 * sharable: one per connection.
 */
public final class EdgeSniHandler extends SniHandler {

    /** The canonical SNI host of a TLS connection, set once the certificate is chosen. */
    public static final AttributeKey<String> SNI_HOST = AttributeKey.valueOf("waymark.sniHost");

    /** TLS record: alert (21), version 3.3, length 2, fatal (2), unrecognized_name (112). */
    private static final byte[] UNRECOGNIZED_NAME_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70};

    private final EdgeMetrics metrics;
    private boolean rejected;

    public EdgeSniHandler(AsyncMapping<? super String, ? extends SslContext> mapping, long handshakeTimeoutMillis,
                          EdgeMetrics metrics) {
        super(mapping, handshakeTimeoutMillis);
        this.metrics = metrics;
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<SslContext> future) throws Exception {
        if (future.isSuccess()) {
            super.onLookupComplete(ctx, future);
            return;
        }
        if (rejected) {
            return;
        }
        rejected = true;
        String reason = future.cause() instanceof UnknownServerNameException e ? e.reason() : "error";
        metrics.sniRejected(reason);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(UNRECOGNIZED_NAME_ALERT)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (rejected) {
            // The alert is on its way and the connection closing: nothing more is read.
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        SslHandler handler = super.newSslHandler(context, allocator);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext) throws Exception {
        ctx.channel().attr(SNI_HOST).set(CertificateStore.normalise(hostname));
        super.replaceHandler(ctx, hostname, sslContext);
    }
}
