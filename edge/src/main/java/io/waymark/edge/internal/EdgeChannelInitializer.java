package io.waymark.edge.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of one accepted connection; see the package documentation for the order
 * and the reasons. One instance per port: {@code tls} selects the HTTPS pipeline (SNI, then ALPN
 * to HTTP/2 or HTTP/1.1), {@code challenges} adds the ACME HTTP-01 route (plain HTTP port only).
 */
public final class EdgeChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Everything the pipelines share; handlers in it are sharable. */
    public record Shared(EdgeMetrics metrics, ConnectionLimitHandler connectionLimit, CertificateStore certificates,
                         AcmeChallengeHandler challenges, TrackingHandler tracking, HttpRequestGuardHandler guard,
                         NotFoundHandler notFound, int maxInitialLineBytes, int maxHeaderBytes,
                         long readTimeoutMillis, long idleTimeoutMillis, long handshakeTimeoutMillis,
                         long headerTimeoutMillis, boolean proxyProtocol, List<CidrBlock> proxySources) {

        public Shared {
            proxySources = List.copyOf(proxySources);
        }
    }

    private final Shared shared;
    private final boolean tls;

    public EdgeChannelInitializer(Shared shared, boolean tls) {
        this.shared = shared;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline p = channel.pipeline();
        p.addLast("limit", shared.connectionLimit());
        // Reads only: the edge writes nothing but answers, so a connection idle both ways is one
        // that sends nothing, and the shorter timeout decides. Watching writes too (all-idle)
        // would hang a listener on every response's promise.
        long idleMillis = Math.min(shared.readTimeoutMillis(), shared.idleTimeoutMillis());
        p.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
        if (shared.proxyProtocol()) {
            // Before TLS: the PROXY header precedes the ClientHello on the wire.
            p.addLast("proxy", new ProxyProtocolHandler(shared.proxySources(), shared.metrics()));
        }
        if (tls) {
            p.addLast("sni", new EdgeSniHandler(shared.certificates(), shared.handshakeTimeoutMillis(), shared.metrics()));
            p.addLast("alpn", new AlpnHandler());
        } else {
            addHttp1(p, true);
        }
    }

    private void addHttp1(ChannelPipeline p, boolean withChallenges) {
        RequestHeadTimeoutHandler headTimeout = new RequestHeadTimeoutHandler(shared.headerTimeoutMillis(), shared.metrics());
        p.addLast("headTimeout", headTimeout);
        // Decoder and encoder as two handlers rather than HttpServerCodec, whose combined handler
        // adds a delegating hop to every read and write. What the codec adds, remembering request
        // methods so a HEAD answer carries no body, the edge does itself: every answer is a full
        // response with a Content-Length, and HttpResponder empties it for HEAD.
        p.addLast("httpDecoder", new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(shared.maxInitialLineBytes())
                .setMaxHeaderSize(shared.maxHeaderBytes())));
        p.addLast("httpEncoder", new HttpResponseEncoder());
        p.addLast("headReceived", headTimeout.headReceived());
        addRoutes(p, withChallenges);
    }

    private void addRoutes(ChannelPipeline p, boolean withChallenges) {
        p.addLast("guard", shared.guard());
        if (withChallenges) {
            p.addLast("acme", shared.challenges());
        }
        p.addLast("tracking", shared.tracking());
        p.addLast("notFound", shared.notFound());
    }

    private void addHttp2(ChannelPipeline p) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxHeaderListSize(shared.maxHeaderBytes())
                .maxConcurrentStreams(100);
        p.addLast("h2", Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        p.addLast("h2mux", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast("h2tohttp", new Http2StreamFrameToHttpObjectCodec(true));
                addRoutes(stream.pipeline(), false);
            }
        }));
    }

    /** Chooses HTTP/2 or HTTP/1.1 once the TLS handshake has settled ALPN (RFC 7301). */
    private final class AlpnHandler extends ApplicationProtocolNegotiationHandler {

        AlpnHandler() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                addHttp2(ctx.pipeline());
            } else {
                addHttp1(ctx.pipeline(), false);
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            shared.metrics().request("handshake_failed");
            ctx.close();
        }
    }

    /** Whether this initializer serves TLS (tests). */
    public boolean tls() {
        return tls;
    }

}
