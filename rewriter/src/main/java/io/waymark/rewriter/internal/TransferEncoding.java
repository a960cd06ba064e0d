package io.waymark.rewriter.internal;

import io.waymark.rewriter.RewriteException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The Content-Transfer-Encodings of RFC 2045 §6 the rewriter can decode and re-encode. A part in
 * any other encoding (x-uuencode...) is left alone.
 */
public enum TransferEncoding {
    /** RFC 2045 §6.2: lines of at most 998 octets, ASCII only. */
    SEVEN_BIT,
    /** RFC 2045 §6.2: lines of at most 998 octets, any octet but NUL. */
    EIGHT_BIT,
    /** RFC 2045 §6.2: anything; no line limit. */
    BINARY,
    /** RFC 2045 §6.7. */
    QUOTED_PRINTABLE,
    /** RFC 2045 §6.8, lines of 76 characters. */
    BASE64;

    /** RFC 5322 §2.1.1: a line is at most 998 octets without its CRLF. */
    public static final int MAX_LINE_OCTETS = 998;
    private static final int BASE64_LINE = 76;

    /** The encoding a header value names (absent: 7bit, RFC 2045 §6.1), or null when unknown. */
    public static TransferEncoding of(String header) {
        if (header == null) {
            return SEVEN_BIT;
        }
        return switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "7bit", "" -> SEVEN_BIT;
            case "8bit" -> EIGHT_BIT;
            case "binary" -> BINARY;
            case "quoted-printable" -> QUOTED_PRINTABLE;
            case "base64" -> BASE64;
            default -> null;
        };
    }

    /** True when encoded lines must stay within {@link #MAX_LINE_OCTETS}. */
    public boolean lineLimited() {
        return this == SEVEN_BIT || this == EIGHT_BIT;
    }

    /** The octets {@code src[start, end)} stand for. */
    public byte[] decode(byte[] src, int start, int end) throws RewriteException {
        return switch (this) {
            case SEVEN_BIT, EIGHT_BIT, BINARY -> java.util.Arrays.copyOfRange(src, start, end);
            case QUOTED_PRINTABLE -> QuotedPrintableCodec.decode(src, start, end);
            case BASE64 -> {
                try {
                    // the MIME decoder ignores line breaks and other characters outside the alphabet
                    yield Base64.getMimeDecoder().decode(java.util.Arrays.copyOfRange(src, start, end));
                } catch (IllegalArgumentException e) {
                    throw new RewriteException(RewriteException.Reason.ENCODING, "base64 body does not decode: "
                            + e.getMessage());
                }
            }
        };
    }

    /**
     * Encodes {@code data} for the wire with {@code lineEnding} between lines, no final line break.
     *
     * @param maxLine longest line a 7bit/8bit result may have: {@link #MAX_LINE_OCTETS}, or the
     *                longest line of the input when that already broke the limit (never worse)
     */
    public byte[] encode(byte[] data, String lineEnding, int maxLine) throws RewriteException {
        return switch (this) {
            case SEVEN_BIT, EIGHT_BIT -> {
                checkLines(data, Math.max(maxLine, MAX_LINE_OCTETS));
                yield data;
            }
            case BINARY -> data;
            case QUOTED_PRINTABLE -> QuotedPrintableCodec.encode(data, lineEnding);
            case BASE64 -> Base64.getMimeEncoder(BASE64_LINE, lineEnding.getBytes(StandardCharsets.US_ASCII))
                    .encode(data);
        };
    }

    /** The longest line in {@code bytes[start, end)}, line break excluded. */
    public static int longestLine(byte[] bytes, int start, int end) {
        int longest = 0;
        int column = 0;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                column = 0;
            } else if (b != '\r' && ++column > longest) {
                longest = column;
            }
        }
        return longest;
    }

    private static void checkLines(byte[] data, int limit) throws RewriteException {
        if (longestLine(data, 0, data.length) > limit) {
            throw new RewriteException(RewriteException.Reason.ENCODING,
                    "a rewritten line would exceed " + limit + " octets (RFC 5322 §2.1.1)");
        }
    }
}
