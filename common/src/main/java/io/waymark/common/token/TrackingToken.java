package io.waymark.common.token;

import io.waymark.common.host.Hostname;
import java.util.Objects;

/**
 * What a tracking link says, before signing and after verification: kind, message id, recipient
 * digest, sending domain, link index and target URL. The rewriter builds one per rewritten link
 * (and one {@link TokenKind#OPEN} per message for the pixel); the edge gets one back from
 * {@link TrackingTokenCodec#decode} and turns it into a redirect and a {@code TrackingEvent}.
 * The constructor enforces what the edge relies on: a CLICK target is an absolute http(s) URL
 * without whitespace or control characters (it becomes a {@code Location} header); an OPEN has
 * no URL and link index 0.
 */
public record TrackingToken(TokenKind kind, String messageId, RecipientDigest recipient,
                            Hostname sendingDomain, int linkIndex, String url) {

    /** Longest target URL in UTF-8 bytes; longer links are left untracked by the rewriter. */
    public static final int MAX_URL_BYTES = 2048;
    /** Longest message id in UTF-8 bytes. */
    public static final int MAX_MESSAGE_ID_BYTES = 255;
    /** Largest link index: no message has more links than this. */
    public static final int MAX_LINK_INDEX = 65_535;

    public TrackingToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sendingDomain, "sendingDomain");
        Objects.requireNonNull(url, "url");
        int idBytes = utf8Length(messageId, "messageId");
        if (idBytes == 0 || idBytes > MAX_MESSAGE_ID_BYTES) {
            throw new IllegalArgumentException("messageId must be 1-" + MAX_MESSAGE_ID_BYTES + " UTF-8 bytes");
        }
        checkLinkIndex(linkIndex);
        if (kind == TokenKind.OPEN) {
            if (!url.isEmpty() || linkIndex != 0) {
                throw new IllegalArgumentException("an OPEN token has no url and link index 0");
            }
        } else {
            checkUrl(url);
        }
    }

    /** A click token for link number {@code linkIndex} of a message. */
    public static TrackingToken click(String messageId, RecipientDigest recipient, Hostname sendingDomain,
                                      int linkIndex, String url) {
        return new TrackingToken(TokenKind.CLICK, messageId, recipient, sendingDomain, linkIndex, url);
    }

    /** The open-pixel token of a message. */
    public static TrackingToken open(String messageId, RecipientDigest recipient, Hostname sendingDomain) {
        return new TrackingToken(TokenKind.OPEN, messageId, recipient, sendingDomain, 0, "");
    }

    static void checkLinkIndex(int linkIndex) {
        if (linkIndex < 0 || linkIndex > MAX_LINK_INDEX) {
            throw new IllegalArgumentException("linkIndex " + linkIndex + " is outside [0, " + MAX_LINK_INDEX + "]");
        }
    }

    static void checkUrl(String url) {
        if (!(startsWithIgnoreCase(url, "https://") || startsWithIgnoreCase(url, "http://"))) {
            throw new IllegalArgumentException("url must be an absolute http:// or https:// URL");
        }
        if (isPlainAscii(url)) {
            return; // printable ASCII: nothing to refuse, one UTF-8 byte a character
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            // Space, controls and DEL would let a signed URL split or smuggle a Location header.
            if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                throw new IllegalArgumentException("url contains whitespace or a control character at " + i);
            }
        }
        if (utf8Length(url, "url") > MAX_URL_BYTES) {
            throw new IllegalArgumentException("url is longer than " + MAX_URL_BYTES + " UTF-8 bytes");
        }
    }

    /** True for at most {@link #MAX_URL_BYTES} characters, all printable ASCII (0x21-0x7e): the common case, one pass. */
    private static boolean isPlainAscii(String url) {
        int n = url.length();
        if (n > MAX_URL_BYTES) {
            return false;
        }
        int outside = 0;
        for (int i = 0; i < n; i++) {
            char c = url.charAt(i);
            outside |= (c - 0x21) | (0x7e - c); // negative when c is outside 0x21-0x7e; no branch
        }
        return outside >= 0;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.startsWith(prefix) || s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static int utf8Length(String s, String field) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains an unpaired surrogate at " + i);
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
