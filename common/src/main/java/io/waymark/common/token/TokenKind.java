package io.waymark.common.token;

/** What a tracking token records when followed: a link click or an open-pixel load. */
public enum TokenKind {
    /** {@code /c/<token>}: redirect to the target URL and record a click. */
    CLICK,
    /** {@code /o/<token>}: serve the pixel and record an open; no target URL. */
    OPEN
}
