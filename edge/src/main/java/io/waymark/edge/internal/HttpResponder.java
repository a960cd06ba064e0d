package io.waymark.edge.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Writes the edge's few kinds of answer: full responses with a Content-Length, no body for HEAD,
 * {@code Connection: close} and a close after the write when the client or an error asks for it.
 * Every answer carries {@code Cache-Control: no-store}: none of them may be cached or replayed by
 * a proxy, which would hide clicks and opens.
 */
public final class HttpResponder {

    private static final byte[] NOT_FOUND = "not found\n".getBytes(StandardCharsets.US_ASCII);

    private HttpResponder() {
    }

    /** A response with a plain-text body. */
    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** 404 with a short body. */
    public static FullHttpResponse notFound() {
        return response(HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(NOT_FOUND), "text/plain; charset=utf-8");
    }

    /** A response with {@code body} and {@code contentType}, not cacheable. */
    public static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    /** Sends {@code response} to {@code request}; {@code forceClose} ends the connection after it. */
    public static void send(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response, boolean forceClose) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (request != null && HttpMethod.HEAD.equals(request.method())) {
            response.content().clear();
        }
        boolean keepAlive = !forceClose && request != null && HttpUtil.isKeepAlive(request);
        if (!keepAlive && !StreamChannels.isStream(ctx.channel())) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }
}
