package io.waymark.edge.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Optional;

/**
 * Answers ACME HTTP-01 validation requests on the plain HTTP port (RFC 8555 §8.3):
 * {@code GET /.well-known/acme-challenge/<token>} gets the key authorization as the body when a
 * challenge for exactly that Host (port ignored) and token is pending, 404 otherwise. Other
 * paths go on to the next handler. Sharable.
 */
@ChannelHandler.Sharable
public final class AcmeChallengeHandler extends ChannelInboundHandlerAdapter {

    static final String PREFIX = "/.well-known/acme-challenge/";

    private final ChallengeStore challenges;
    private final EdgeMetrics metrics;

    public AcmeChallengeHandler(ChallengeStore challenges, EdgeMetrics metrics) {
        this.challenges = challenges;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest request) || !request.uri().startsWith(PREFIX)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String token = RequestTarget.pathOf(request.uri()).substring(PREFIX.length());
        String host = RequestTarget.host(request);
        Optional<String> answer = challenges.keyAuthorization(host, token);
        if (answer.isEmpty()) {
            metrics.request("challenge_not_found");
            HttpResponder.send(ctx, request, HttpResponder.notFound(), false);
            return;
        }
        metrics.request("challenge");
        HttpResponder.send(ctx, request, HttpResponder.text(HttpResponseStatus.OK, answer.get()), false);
    }
}
