package io.waymark.rewriter;

/**
 * The outcome of rewriting one message: the bytes to send (the input array itself when nothing
 * changed), how many links were replaced, how many pixels were inserted and how many parts were
 * re-encoded.
 */
public record RewriteResult(byte[] message, int linksTracked, int linksUntracked, int pixels, int partsRewritten) {

    /** True when {@link #message()} differs from the input. */
    public boolean changed() {
        return partsRewritten > 0;
    }
}
