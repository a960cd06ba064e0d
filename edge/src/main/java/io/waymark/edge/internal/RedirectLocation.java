package io.waymark.edge.internal;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Location} value for a token's target URL. A link in an HTML part may be an IRI
 * ({@code https://bücher.example/café}); HTTP header values are bytes, and Netty writes each
 * character as one ISO-8859-1 byte ({@code é} as a lone 0xE9, {@code 中} as {@code ?}). So a
 * non-ASCII URL is mapped to the URI a browser would have requested on its own (RFC 3987 §3.1):
 * an international host name to its ASCII (IDNA) form, every other non-ASCII character to the
 * percent-encoded bytes of its UTF-8. An ASCII URL, nearly every one, is returned as it is.
 */
public final class RedirectLocation {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RedirectLocation() {
    }

    /** {@code url} as an ASCII URI for a {@code Location} header. */
    public static String of(String url) {
        int n = url.length();
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (url.charAt(i) >= 0x80) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return url;
        }
        StringBuilder out = new StringBuilder(n + 32);
        int authorityStart = url.indexOf("://");
        int from = 0;
        if (authorityStart > 0) {
            authorityStart += 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < n && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
                authorityEnd++;
            }
            int hostStart = url.lastIndexOf('@', authorityEnd - 1) + 1;
            hostStart = Math.max(hostStart, authorityStart);
            int hostEnd = url.indexOf(':', hostStart);
            if (hostEnd < 0 || hostEnd > authorityEnd || url.charAt(hostStart) == '[') {
                hostEnd = authorityEnd;
            }
            String host = url.substring(hostStart, hostEnd);
            String asciiHost = asciiHost(host);
            if (asciiHost != null) {
                percentEncode(url, 0, hostStart, out);
                out.append(asciiHost);
                from = hostEnd;
            }
        }
        percentEncode(url, from, n, out);
        return out.toString();
    }

    /** The host's IDNA ASCII form, or null when it has none (then it is percent-encoded like the rest). */
    private static String asciiHost(String host) {
        if (host.chars().allMatch(c -> c < 0x80)) {
            return host;
        }
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void percentEncode(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
    }
}
