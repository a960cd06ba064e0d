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

    /**
     * Appends the tracking URL {@link #click} would return to {@code out} and returns true, or
     * returns false and appends nothing when the link must stay untracked. The HTML rewriter calls
     * this, so an implementation can write its URL straight into the message being built; the
     * default goes through {@link #click}.
     */
    default boolean appendClick(int linkIndex, String url, StringBuilder out) {
        String tracked = click(linkIndex, url);
        if (tracked == null) {
            return false;
        }
        out.append(tracked);
        return true;
    }

    /**
     * True when every URL {@link #appendClick} appends is free of the characters an HTML attribute
     * value escapes ({@code & " ' < >}), so the rewriter need not scan it for them; false unless
     * an implementation guarantees it.
     */
    default boolean attributeSafe() {
        return false;
    }

    /** The URL of the open pixel of this message. */
    String open();
}
