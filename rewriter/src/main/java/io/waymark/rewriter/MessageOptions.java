package io.waymark.rewriter;

/**
 * What to do to one message, from its {@code OutboundMessage} flags: rewrite links in HTML
 * parts, insert the open pixel, and also rewrite bare URLs in text/plain parts (only together
 * with click tracking).
 */
public record MessageOptions(boolean trackClicks, boolean trackOpens, boolean rewriteText) {

    /** True when nothing would change, so the message need not be parsed at all. */
    public boolean nothingToDo() {
        return !trackClicks && !trackOpens;
    }
}
