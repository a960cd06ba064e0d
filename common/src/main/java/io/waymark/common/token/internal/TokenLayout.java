package io.waymark.common.token.internal;

/**
 * Constants of token format version 1 (see {@code TrackingTokenCodec} for the field order).
 * Changing any of them, or the URL dictionary in {@link UrlPacking}, is a new version.
 */
public final class TokenLayout {

    public static final int VERSION = 1;
    /** HMAC-SHA256 truncated to 128 bits (RFC 2104 §5 allows truncation to at least half). */
    public static final int TAG_BYTES = 16;

    /** Flags bit 0: kind OPEN (else CLICK). */
    public static final int FLAG_OPEN = 0x01;
    /** Flags bits 1-2: message id form, see {@link MessageIdPacking}. */
    public static final int MESSAGE_ID_SHIFT = 1;
    public static final int MESSAGE_ID_MASK = 0x03;
    /** Flags bits 3-4: URL scheme form, see {@link UrlPacking}. */
    public static final int SCHEME_SHIFT = 3;
    public static final int SCHEME_MASK = 0x03;
    /** Flags bit 5: URL bytes are raw deflate with the preset dictionary. */
    public static final int FLAG_DEFLATED = 0x20;
    /** Flags bits 6-7: must be zero in version 1. */
    public static final int RESERVED_MASK = 0xc0;

    /** Sending domain field value meaning "literal domain follows". */
    public static final int DOMAIN_LITERAL = 0;

    /** Smallest well-formed token: header, 1-char key id, 1-byte message id, digest, tag. */
    public static final int MIN_BYTES = 2 + 2 + 2 + 12 + 1 + 1 + TAG_BYTES;

    private TokenLayout() {
    }
}
