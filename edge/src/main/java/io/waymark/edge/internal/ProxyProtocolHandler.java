package io.waymark.edge.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * The PROXY protocol (HAProxy, v1 text and v2 binary) in front of TLS and HTTP, for an edge that
 * sits behind a TCP load balancer. It looks at the first bytes of a connection, before any TLS
 * work: a PROXY header from a peer in the trusted source blocks is handed to Netty's
 * {@link HAProxyMessageDecoder} and the source address it carries becomes the connection's
 * client ({@link #CLIENT}, read by {@link ClientAddressPolicy}); a PROXY header from any other
 * peer is a spoofing attempt and the connection is closed ({@code proxy_untrusted}); a connection
 * that starts with anything else is served with its socket peer as the client (load-balancer
 * health checks often skip the header). A {@code LOCAL} or {@code UNKNOWN} header keeps the socket
 * peer. Not sharable: one per connection, removed once the first bytes are settled. Only in the
 * pipeline when {@code edge.proxy-protocol=true}.
 */
public final class ProxyProtocolHandler extends ByteToMessageDecoder {

    /** The client address a trusted PROXY header announced for this connection. */
    public static final AttributeKey<InetAddress> CLIENT = AttributeKey.valueOf("waymark.proxy.client");

    private static final Logger LOGGER = LoggerFactory.getLogger(ProxyProtocolHandler.class);

    private final List<CidrBlock> trustedSources;
    private final EdgeMetrics metrics;

    public ProxyProtocolHandler(List<CidrBlock> trustedSources, EdgeMetrics metrics) {
        this.trustedSources = trustedSources;
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionResult<HAProxyProtocolVersion> detected = HAProxyMessageDecoder.detectProtocol(in);
        switch (detected.state()) {
            case NEEDS_MORE_DATA -> {
                // Wait for the 12-byte v2 signature or the "PROXY " v1 prefix to settle the question.
            }
            case INVALID -> ctx.pipeline().remove(this);
            case DETECTED -> {
                if (!trusted(ctx.channel().remoteAddress())) {
                    metrics.request("proxy_untrusted");
                    LOGGER.atDebug().addKeyValue("peer", ctx.channel().remoteAddress())
                            .log("PROXY header from an untrusted peer; closing");
                    in.skipBytes(in.readableBytes());
                    ctx.close();
                    return;
                }
                // The decoder and the reader replace this handler; the bytes read so far move on to them.
                ctx.pipeline().addAfter(ctx.name(), "proxyHeader", new ProxiedClientHandler(metrics));
                ctx.pipeline().addAfter(ctx.name(), "proxyDecoder", new HAProxyMessageDecoder());
                ctx.pipeline().remove(this);
            }
            default -> throw new IllegalStateException(detected.state().toString());
        }
    }

    private boolean trusted(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        for (CidrBlock block : trustedSources) {
            if (block.contains(inet.getAddress())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        metrics.request("connection_error");
        ctx.close();
    }

    /** The client address of {@code channel}'s connection as the PROXY header gave it, or null. */
    public static InetAddress proxiedClient(Channel connection) {
        return connection.hasAttr(CLIENT) ? connection.attr(CLIENT).get() : null;
    }

    /** Takes the one {@link HAProxyMessage}, records its source address, and leaves the pipeline. */
    static final class ProxiedClientHandler extends ChannelInboundHandlerAdapter {

        private final EdgeMetrics metrics;

        ProxiedClientHandler(EdgeMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HAProxyMessage message)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                String source = message.sourceAddress();
                byte[] literal = source == null ? null : CidrBlock.literal(source);
                if (literal != null) {
                    ctx.channel().attr(CLIENT).set(InetAddress.getByAddress(literal));
                }
                metrics.request("proxy_header");
            } catch (java.net.UnknownHostException e) {
                // A literal of 4 or 16 bytes always converts; keep the socket peer if not.
            } finally {
                message.release();
            }
            ctx.pipeline().remove(this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A malformed PROXY header (HAProxyProtocolException) ends the connection.
            metrics.request("proxy_bad_header");
            ctx.close();
        }
    }
}
