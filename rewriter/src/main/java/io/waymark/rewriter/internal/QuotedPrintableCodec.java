package io.waymark.rewriter.internal;

/**
 * Quoted-printable as RFC 2045 §6.7 defines it. Decoding is lenient (a stray {@code =} stays
 * literal, {@code =} before a line break is a soft line break even with trailing blanks, line
 * breaks may be CRLF or LF); encoding is strict: encoded lines are at most 76 characters,
 * {@code =}, controls and 8-bit bytes are {@code =XX}, and a blank before a line break is encoded
 * so that transports which strip trailing white space cannot change the text.
 */
public final class QuotedPrintableCodec {

    /** RFC 2045 §6.7 rule 5: encoded lines are no more than 76 characters long. */
    public static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private QuotedPrintableCodec() {
    }

    /** Decodes {@code src[start, end)}; hard line breaks keep their bytes (CRLF or LF). */
    public static byte[] decode(byte[] src, int start, int end) {
        byte[] out = new byte[end - start];
        int n = 0;
        int lineStart = 0;
        int literalEnd = 0; // blanks that came from =20/=09 are text, not padding
        int i = start;
        while (i < end) {
            byte b = src[i];
            if (b == '=') {
                int h1 = i + 1 < end ? hex(src[i + 1]) : -1;
                int h2 = i + 2 < end ? hex(src[i + 2]) : -1;
                if (h1 >= 0 && h2 >= 0) {
                    out[n++] = (byte) (h1 << 4 | h2);
                    literalEnd = n;
                    i += 3;
                    continue;
                }
                // rule 5: "=" then optional blanks then a line break is a soft line break
                int j = i + 1;
                while (j < end && (src[j] == ' ' || src[j] == '\t')) {
                    j++;
                }
                if (j == end) {
                    i = end;
                    continue;
                }
                if (src[j] == '\n' || (src[j] == '\r' && j + 1 < end && src[j + 1] == '\n')) {
                    i = src[j] == '\n' ? j + 1 : j + 2;
                    continue;
                }
                out[n++] = b; // not valid QP: keep the "=" as is (RFC 2045 §6.7 note 1)
                i++;
            } else if (b == '\r' && i + 1 < end && src[i + 1] == '\n' || b == '\n') {
                // rule 3: blanks at the end of an encoded line are padding, not text
                while (n > Math.max(lineStart, literalEnd) && (out[n - 1] == ' ' || out[n - 1] == '\t')) {
                    n--;
                }
                if (b == '\r') {
                    out[n++] = '\r';
                    i++;
                }
                out[n++] = '\n';
                i++;
                lineStart = n;
            } else {
                out[n++] = b;
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Encodes {@code data}; a CRLF or LF in it is a hard line break and becomes
     * {@code lineEnding}; soft line breaks keep every line at most {@link #MAX_LINE} characters.
     */
    public static byte[] encode(byte[] data, String lineEnding) {
        byte[] eol = lineEnding.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // worst case: every byte as =XX plus a soft line break every 25 bytes
        byte[] out = new byte[data.length * 3 + (data.length / 25 + 2) * (eol.length + 1)];
        int n = 0;
        int column = 0;
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xff;
            boolean crlf = b == '\r' && i + 1 < data.length && data[i + 1] == '\n';
            if (crlf || b == '\n') {
                System.arraycopy(eol, 0, out, n, eol.length);
                n += eol.length;
                column = 0;
                i += crlf ? 2 : 1;
                continue;
            }
            boolean lineEndsNext = i + 1 == data.length || data[i + 1] == '\n'
                    || (data[i + 1] == '\r' && i + 2 < data.length && data[i + 2] == '\n');
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndsNext);
            int width = literal ? 1 : 3;
            // leave room for the "=" of a soft line break unless this is the line's last character
            int limit = lineEndsNext ? MAX_LINE : MAX_LINE - 1;
            if (column + width > limit) {
                out[n++] = '=';
                System.arraycopy(eol, 0, out, n, eol.length);
                n += eol.length;
                column = 0;
            }
            if (literal) {
                out[n++] = (byte) b;
            } else {
                out[n++] = '=';
                out[n++] = HEX[b >> 4];
                out[n++] = HEX[b & 0xf];
            }
            column += width;
            i++;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10; // lower case is not canonical but is seen in the wild
        }
        return -1;
    }
}
