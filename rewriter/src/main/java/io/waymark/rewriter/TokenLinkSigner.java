package io.waymark.rewriter;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.MessageTokenSigner;
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

    private final MessageTokenSigner signer;
    private final String clickPrefix;
    private final String openPrefix;
    private final int maxUrlBytes;
    private int untracked;

    /**
     * @param maxUrlBytes URLs over this many UTF-8 bytes stay untracked (at most
     *                    {@link TrackingToken#MAX_URL_BYTES})
     */
    public TokenLinkSigner(TrackingTokenCodec codec, Hostname trackingHost, boolean https, String messageId,
                           RecipientDigest recipient, Hostname sendingDomain, int maxUrlBytes) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(trackingHost, "trackingHost");
        this.signer = codec.forMessage(Objects.requireNonNull(messageId, "messageId"),
                Objects.requireNonNull(recipient, "recipient"), Objects.requireNonNull(sendingDomain, "sendingDomain"),
                trackingHost);
        this.maxUrlBytes = Math.min(maxUrlBytes, TrackingToken.MAX_URL_BYTES);
        String origin = (https ? "https://" : "http://") + trackingHost.ascii();
        this.clickPrefix = origin + "/c/";
        this.openPrefix = origin + "/o/";
    }

    @Override
    public String click(int linkIndex, String url) {
        if (longerThan(url, maxUrlBytes)) {
            untracked++;
            return null;
        }
        try {
            return clickPrefix + signer.click(linkIndex, url);
        } catch (IllegalArgumentException e) {
            // whitespace, control characters or an unpaired surrogate: the edge could not redirect
            untracked++;
            return null;
        }
    }

    /** As {@link #click}, with the prefix and the token written straight into {@code out}. */
    @Override
    public boolean appendClick(int linkIndex, String url, StringBuilder out) {
        if (longerThan(url, maxUrlBytes)) {
            untracked++;
            return false;
        }
        int mark = out.length();
        out.append(clickPrefix);
        try {
            signer.appendClick(linkIndex, url, out); // appends nothing when it throws
        } catch (IllegalArgumentException e) {
            out.setLength(mark);
            untracked++;
            return false;
        }
        return true;
    }

    /** Always: a tracking URL is the origin (an ASCII host name), a path and base64url text. */
    @Override
    public boolean attributeSafe() {
        return true;
    }

    @Override
    public String open() {
        return openPrefix + signer.open();
    }

    /** Whether {@code url} has more than {@code maxBytes} UTF-8 bytes, without encoding it when the char count decides. */
    private static boolean longerThan(String url, int maxBytes) {
        int chars = url.length();
        if (chars > maxBytes) {
            return true;
        }
        if ((long) chars * 3 <= maxBytes) {
            return false;
        }
        return url.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    /** Links refused so far (too long or not signable). */
    public int untracked() {
        return untracked;
    }
}
