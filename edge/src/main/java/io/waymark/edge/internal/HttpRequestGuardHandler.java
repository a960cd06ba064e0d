package io.waymark.edge.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler after the HTTP codec: refuses what the edge never serves before any routing.
 * A request the decoder rejected gets 414 (line over the limit), 431 (headers over the limit) or
 * 400, and the connection closes; a method other than GET or HEAD gets 405 with {@code Allow}.
 * Request bodies are dropped (GET and HEAD carry none worth reading). An idle or read timeout
 * from the {@code IdleStateHandler} closes the connection. Sharable.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class HttpRequestGuardHandler extends ChannelInboundHandlerAdapter {

    private final EdgeMetrics metrics;

    public HttpRequestGuardHandler(EdgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            DecoderResult result = request.decoderResult();
            if (result.isFailure()) {
                ReferenceCountUtil.release(msg);
                reject(ctx, result.cause());
                return;
            }
            HttpMethod method = request.method();
            if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
                ReferenceCountUtil.release(msg);
                metrics.request("method_not_allowed");
                FullHttpResponse response = HttpResponder.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n");
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
                // The body of the refused request may still be arriving: close rather than read it.
                HttpResponder.send(ctx, request, response, true);
                return;
            }
            if (msg instanceof HttpContent) {
                // A full request object (HTTP/2 conversion): keep only the head.
                ReferenceCountUtil.release(msg);
                ctx.fireChannelRead(new io.netty.handler.codec.http.DefaultHttpRequest(
                        request.protocolVersion(), request.method(), request.uri(), request.headers()));
                return;
            }
            ctx.fireChannelRead(request);
            return;
        }
        if (msg instanceof HttpContent content) {
            DecoderResult result = content.decoderResult();
            content.release();
            if (result.isFailure()) {
                reject(ctx, result.cause());
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void reject(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status;
        String outcome;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            outcome = "line_too_long";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            outcome = "headers_too_large";
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
            outcome = "bad_request";
        }
        metrics.request(outcome);
        HttpResponder.send(ctx, null, HttpResponder.text(status, status.reasonPhrase() + "\n"), true);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            metrics.request("timeout");
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS alerts, resets and protocol garbage from clients are routine at an edge.
        metrics.request("connection_error");
        ctx.close();
    }
}
