package io.waymark.rewriter.internal;

import io.waymark.common.token.TrackingToken;
import io.waymark.rewriter.LinkSigner;
import io.waymark.rewriter.MessageOptions;

/**
 * The state of rewriting one message: its options, signer and link policy, the link counter
 * that numbers links across all parts (1, 2, ...; 0 is the open pixel), and what was done.
 */
public final class RewriteSession {

    private final MessageOptions options;
    private final LinkSigner signer;
    private final LinkPolicy policy;
    private final String optOutAttribute;
    private int nextIndex = 1;
    private int tracked;
    private int untracked;
    private int pixels;
    private String pixelUrl;

    public RewriteSession(MessageOptions options, LinkSigner signer, LinkPolicy policy, String optOutAttribute) {
        this.options = options;
        this.signer = signer;
        this.policy = policy;
        this.optOutAttribute = optOutAttribute;
    }

    public MessageOptions options() {
        return options;
    }

    public LinkPolicy policy() {
        return policy;
    }

    /** Lower-case name of the attribute that opts a link out ({@code data-waymark}). */
    public String optOutAttribute() {
        return optOutAttribute;
    }

    /** The tracking URL for {@code url}, or null to leave the link as it is. */
    public String track(String url) {
        if (!options.trackClicks() || nextIndex > TrackingToken.MAX_LINK_INDEX) {
            return null;
        }
        String trackedUrl = signer.click(nextIndex, url);
        if (trackedUrl == null) {
            untracked++;
            return null;
        }
        nextIndex++;
        tracked++;
        return trackedUrl;
    }

    /**
     * Appends the tracking URL for {@code url} to {@code out} and returns true, or returns false
     * with {@code out} as it was to leave the link as it is; counts as {@link #track} does.
     */
    public boolean appendTracked(String url, StringBuilder out) {
        if (!options.trackClicks() || nextIndex > TrackingToken.MAX_LINK_INDEX) {
            return false;
        }
        int mark = out.length();
        if (!signer.appendClick(nextIndex, url, out)) {
            out.setLength(mark);
            untracked++;
            return false;
        }
        nextIndex++;
        tracked++;
        return true;
    }

    /** Whether the URLs {@link #appendTracked} appends never need attribute escaping ({@link LinkSigner#attributeSafe}). */
    public boolean trackedUrlsAttributeSafe() {
        return signer.attributeSafe();
    }

    /** The open pixel URL (one token per message, shared by its HTML parts). */
    public String pixel() {
        if (pixelUrl == null) {
            pixelUrl = signer.open();
        }
        pixels++;
        return pixelUrl;
    }

    public int tracked() {
        return tracked;
    }

    public int untracked() {
        return untracked;
    }

    public int pixels() {
        return pixels;
    }
}
