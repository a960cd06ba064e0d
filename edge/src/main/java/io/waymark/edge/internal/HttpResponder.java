package io.waymark.edge.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;

/**
 * Writes the edge's few kinds of answer: full responses with a Content-Length, no body for HEAD,
 * {@code Connection: close} and a close after the write when the client or an error asks for it.
 * Every answer carries {@code Cache-Control: no-store}: none of them may be cached or replayed by
 * a proxy, which would hide clicks and opens.
 */
public final class HttpResponder {

    private static final byte[] NOT_FOUND = "not found\n".getBytes(StandardCharsets.US_ASCII);
    /** Header values as {@link AsciiString}: the encoder copies their bytes instead of encoding chars. */
    public static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString NO_STORE = AsciiString.cached("no-store");
    private static final AsciiString ZERO = AsciiString.cached("0");
    /**
     * Response headers are not validated per response: every name is a constant and every value
     * is a constant, a number or a redirect target that a verified token carries (no whitespace
     * or control characters, checked when the token is read) made ASCII by {@link RedirectLocation}.
     */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

    private HttpResponder() {
    }

    /** A response with a plain-text body. */
    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), TEXT_PLAIN);
    }

    /** 404 with a short body. */
    public static FullHttpResponse notFound() {
        return response(HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(NOT_FOUND), TEXT_PLAIN);
    }

    /** A response with {@code body} and {@code contentType}, not cacheable. */
    public static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, CharSequence contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, HEADERS, TRAILERS);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
        return response;
    }

    /** Sends {@code response} to {@code request}; {@code forceClose} ends the connection after it. */
    public static void send(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response, boolean forceClose) {
        int length = response.content().readableBytes();
        if (length == 0) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, ZERO);
        } else {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        }
        if (request != null && HttpMethod.HEAD.equals(request.method())) {
            response.content().clear();
        }
        boolean keepAlive = !forceClose && request != null && HttpUtil.isKeepAlive(request);
        if (!keepAlive && !StreamChannels.isStream(ctx.channel())) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            // nothing waits on this write: the void promise saves a promise and its completion
            // per response; a failed write reaches exceptionCaught, which closes the connection
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
    }
}
