package io.waymark.rewriter;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.OutboundMessage;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites one {@link OutboundMessage} given its domain's status: picks the tracking target,
 * signs links with a {@link TokenLinkSigner}, runs the {@link MessageRewriter}. Never throws:
 * any failure yields the original message unchanged plus the reason for the dead letter, so no
 * email is lost or held back for tracking's sake.
 */
final class RewriteProcessor {

    private static final Logger LOGGER = LoggerFactory.getLogger(RewriteProcessor.class);

    private final RewriterConfig config;
    private final TrackingTokenCodec codec;
    private final MessageRewriter rewriter;
    private final RewriterMetrics metrics;

    RewriteProcessor(RewriterConfig config, RewriterMetrics metrics) {
        this.config = config;
        this.codec = new TrackingTokenCodec(config.tokenKeys());
        this.rewriter = new MessageRewriter(config.optOutAttribute());
        this.metrics = metrics;
    }

    /** The sending domain in canonical form (the domain-status key), or null when invalid. */
    static String statusKey(OutboundMessage message) {
        try {
            return Hostname.parse(message.getSendingDomain()).ascii();
        } catch (RuntimeException e) {
            return null;
        }
    }

    RewriteOutcome process(String key, OutboundMessage message, DomainStatus status) {
        MessageOptions options = new MessageOptions(message.getTrackClicks(), message.getTrackOpens(),
                message.getRewriteTextPlain());
        if (options.nothingToDo()) {
            return new RewriteOutcome(message, message, null, null, null);
        }
        long start = System.nanoTime();
        byte[] raw = bytes(message.getRaw());
        try {
            Hostname domain = Hostname.parse(message.getSendingDomain());
            TrackingTarget target = TrackingTarget.of(domain, status, config);
            LinkSigner signer = new TokenLinkSigner(codec, target.trackingHost(), target.https(),
                    message.getMessageId(), RecipientDigest.of(message.getRecipient()), domain, config.maxUrlBytes());
            RewriteResult result = rewriter.rewrite(raw, options, signer);
            metrics.recorded(result, target.https(), System.nanoTime() - start, raw.length);
            if (!result.changed()) {
                return new RewriteOutcome(message, message, null, null, null);
            }
            OutboundMessage out = OutboundMessage.newBuilder(message).setRaw(ByteBuffer.wrap(result.message())).build();
            return new RewriteOutcome(out, message, null, null, null);
        } catch (RewriteException e) {
            return failure(key, message, e, e.reason().name());
        } catch (RuntimeException e) {
            // invalid sending domain, tracking host or recipient, or a bug: the mail still goes out
            return failure(key, message, e, e.getClass().getSimpleName());
        }
    }

    private RewriteOutcome failure(String key, OutboundMessage message, Exception e, String reason) {
        metrics.failed(reason);
        LOGGER.atWarn().addKeyValue("messageId", key).addKeyValue("sendingDomain", message.getSendingDomain())
                .addKeyValue("reason", reason).log("message sent unchanged: {}", e.getMessage());
        return new RewriteOutcome(message, message, e.getClass().getName(), e.getMessage(), reason);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array();
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
