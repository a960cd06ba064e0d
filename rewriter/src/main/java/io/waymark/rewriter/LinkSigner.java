package io.waymark.rewriter;

/**
 * Turns a target URL into the tracking URL that replaces it, and names the open pixel of a
 * message. One instance serves one message (it knows the message id, recipient and tracking
 * host); {@link TokenLinkSigner} is the production implementation, tests substitute their own
 * to get deterministic output.
 */
public interface LinkSigner {

    /**
     * The tracking URL for link number {@code linkIndex} pointing at {@code url}, or {@code null}
     * when the link must stay untracked (too long, not a URL a token may carry).
     */
    String click(int linkIndex, String url);

    /** The URL of the open pixel of this message. */
    String open();
}
