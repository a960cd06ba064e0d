package io.waymark.edge.internal;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.TokenException;
import io.waymark.common.token.TokenKind;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * The click and open endpoints. {@code /c/<token>} answers 302 to the token's URL,
 * {@code /o/<token>} a 43-byte transparent GIF; both only for a token that verifies against the
 * request's Host ({@link TrackingTokenCodec}: the host is inside the HMAC), and over TLS only
 * when Host equals the SNI name (else 421, RFC 9110 §15.5.20). Anything else is 404 with no
 * event: the edge is never an open redirector. Each valid hit becomes a {@link TrackingEvent}
 * handed to the {@link EventSink} without blocking. Sharable.
 */
@ChannelHandler.Sharable
public final class TrackingHandler extends ChannelInboundHandlerAdapter {

    /** GIF89a, 1x1, one transparent colour: 43 bytes. */
    static final byte[] PIXEL = {
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, (byte) 0x80, 0x00, 0x00,
        0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        0x21, (byte) 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
        0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};

    private static final int MAX_USER_AGENT = 512;
    private static final AsciiString REFERRER_POLICY = AsciiString.cached("referrer-policy");
    private static final AsciiString NO_REFERRER = AsciiString.cached("no-referrer");
    private static final AsciiString IMAGE_GIF = AsciiString.cached("image/gif");

    private final TrackingTokenCodec codec;
    private final EventSink sink;
    private final ClientAddressPolicy addresses;
    private final BotClassifier bots;
    private final String nodeName;
    private final Clock clock;
    private final EdgeMetrics metrics;
    // Registered once: the counters every valid hit touches.
    private final Counter redirects;
    private final Counter pixels;
    private final Counter clickEvents;
    private final Counter openEvents;

    public TrackingHandler(TrackingTokenCodec codec, EventSink sink, ClientAddressPolicy addresses, BotClassifier bots,
                           String nodeName, Clock clock, EdgeMetrics metrics) {
        this.codec = codec;
        this.sink = sink;
        this.addresses = addresses;
        this.bots = bots;
        this.nodeName = nodeName;
        this.clock = clock;
        this.metrics = metrics;
        this.redirects = metrics.requestCounter("redirect");
        this.pixels = metrics.requestCounter("pixel");
        this.clickEvents = metrics.eventCounter("click", false);
        this.openEvents = metrics.eventCounter("open", false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String uri = request.uri();
        TokenKind kind = uri.startsWith("/c/") ? TokenKind.CLICK : uri.startsWith("/o/") ? TokenKind.OPEN : null;
        if (kind == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        Hostname hostname = RequestTarget.hostname(request);
        if (hostname == null) {
            reject(ctx, request, "bad_host");
            return;
        }
        String host = hostname.ascii();
        String sni = sniHost(ctx.channel());
        if (sni != null && !sni.equals(host)) {
            metrics.request("misdirected");
            HttpResponder.send(ctx, request, HttpResponder.text(HttpResponseStatus.MISDIRECTED_REQUEST,
                    "misdirected request\n"), false);
            return;
        }
        String text = RequestTarget.pathOf(uri).substring(3);
        TrackingToken token;
        try {
            token = codec.decode(text, hostname);
        } catch (TokenException e) {
            metrics.tokenRejected(e.reason().name().toLowerCase(Locale.ROOT));
            reject(ctx, request, "bad_token");
            return;
        }
        if (token.kind() != kind) {
            metrics.tokenRejected("wrong_kind");
            reject(ctx, request, "bad_token");
            return;
        }
        publish(ctx.channel(), request, host, token);
        if (kind == TokenKind.CLICK) {
            redirects.increment();
            FullHttpResponse response = HttpResponder.response(HttpResponseStatus.FOUND, Unpooled.EMPTY_BUFFER,
                    HttpResponder.TEXT_PLAIN);
            response.headers()
                    .set(HttpHeaderNames.LOCATION, RedirectLocation.of(token.url()))
                    .set(REFERRER_POLICY, NO_REFERRER);
            HttpResponder.send(ctx, request, response, false);
        } else {
            pixels.increment();
            ByteBuf gif = Unpooled.wrappedBuffer(PIXEL);
            HttpResponder.send(ctx, request, HttpResponder.response(HttpResponseStatus.OK, gif, IMAGE_GIF), false);
        }
    }

    private void publish(Channel channel, HttpRequest request, String host, TrackingToken token) {
        InetAddress client = addresses.clientAddress(channel, request);
        String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
        String botReason = bots.reason(request.method(), userAgent, client);
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        boolean click = token.kind() == TokenKind.CLICK;
        // The all-arguments constructor, not the builder: the builder deep-copies and validates
        // every field against the schema on each call, and every value here is already non-null
        // where the schema requires it.
        TrackingEvent event = new TrackingEvent(
                click ? TrackingEventKind.CLICK : TrackingEventKind.OPEN,
                EventIds.next(),
                token.messageId(),
                token.sendingDomain().ascii(),
                host,
                token.recipient().toString(),
                Instant.ofEpochMilli(clock.millis()),
                click ? token.url() : null,
                click ? token.linkIndex() : null,
                userAgent,
                ClientAddressPolicy.anonymise(client),
                botReason != null,
                nodeName);
        if (botReason != null) {
            metrics.bot(botReason);
        }
        if (botReason != null) {
            metrics.event(click ? "click" : "open", true);
        } else {
            (click ? clickEvents : openEvents).increment();
        }
        sink.submit(event, botReason);
    }

    private void reject(ChannelHandlerContext ctx, HttpRequest request, String outcome) {
        metrics.request(outcome);
        HttpResponder.send(ctx, request, HttpResponder.notFound(), false);
    }

    private static String sniHost(Channel channel) {
        return StreamChannels.connection(channel).attr(EdgeSniHandler.SNI_HOST).get();
    }
}
