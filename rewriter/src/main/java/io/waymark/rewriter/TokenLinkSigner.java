package io.waymark.rewriter;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Signs the links of one message with common's {@link TrackingTokenCodec}: click links become
 * {@code http(s)://<tracking host>/c/<token>}, the pixel {@code http(s)://<tracking host>/o/<token>},
 * the paths the edge serves. The recipient travels as a {@link RecipientDigest}, never as the
 * address. URLs longer than the configured bound, or that a token refuses (whitespace, control
 * characters), stay untracked.
 */
public final class TokenLinkSigner implements LinkSigner {

    private final TrackingTokenCodec codec;
    private final Hostname trackingHost;
    private final String prefix;
    private final String messageId;
    private final RecipientDigest recipient;
    private final Hostname sendingDomain;
    private final int maxUrlBytes;
    private int untracked;

    /**
     * @param maxUrlBytes URLs over this many UTF-8 bytes stay untracked (at most
     *                    {@link TrackingToken#MAX_URL_BYTES})
     */
    public TokenLinkSigner(TrackingTokenCodec codec, Hostname trackingHost, boolean https, String messageId,
                           RecipientDigest recipient, Hostname sendingDomain, int maxUrlBytes) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.trackingHost = Objects.requireNonNull(trackingHost, "trackingHost");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.sendingDomain = Objects.requireNonNull(sendingDomain, "sendingDomain");
        this.maxUrlBytes = Math.min(maxUrlBytes, TrackingToken.MAX_URL_BYTES);
        this.prefix = (https ? "https://" : "http://") + trackingHost.ascii();
    }

    @Override
    public String click(int linkIndex, String url) {
        if (url.getBytes(StandardCharsets.UTF_8).length > maxUrlBytes) {
            untracked++;
            return null;
        }
        TrackingToken token;
        try {
            token = TrackingToken.click(messageId, recipient, sendingDomain, linkIndex, url);
        } catch (IllegalArgumentException e) {
            // whitespace, control characters or an unpaired surrogate: the edge could not redirect
            untracked++;
            return null;
        }
        return prefix + "/c/" + codec.encode(token, trackingHost);
    }

    @Override
    public String open() {
        return prefix + "/o/" + codec.encode(TrackingToken.open(messageId, recipient, sendingDomain), trackingHost);
    }

    /** Links refused so far (too long or not signable). */
    public int untracked() {
        return untracked;
    }
}
