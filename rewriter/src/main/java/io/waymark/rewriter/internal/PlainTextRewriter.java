package io.waymark.rewriter.internal;

/**
 * Finds bare http(s) URLs in text/plain and replaces them with tracking URLs, the way a reader
 * sees them: a URL ends at white space, a quote or an angle bracket, so {@code <https://x>}
 * keeps its brackets; trailing {@code . , ; : ! ?} and an unbalanced {@code )} or {@code ]} are
 * sentence punctuation, not part of the URL.
 */
public final class PlainTextRewriter {

    private final RewriteSession session;
    private final CharsetView charset;
    private final boolean lineLimited;

    public PlainTextRewriter(RewriteSession session, CharsetView charset, boolean lineLimited) {
        this.session = session;
        this.charset = charset;
        this.lineLimited = lineLimited;
    }

    /** The rewritten text, or null when nothing changed. */
    public String rewrite(String text) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int start = nextScheme(text, i);
            if (start < 0) {
                break;
            }
            int end = start;
            while (end < n && !stops(text.charAt(end))) {
                end++;
            }
            end = trimTrailing(text, start, end);
            i = Math.max(end, start + 1);
            String url = charset.unicode(text.substring(start, end));
            if (url.indexOf('\uFFFD') >= 0 || !session.policy().trackable(url)) {
                continue;
            }
            String tracked = session.track(url);
            // a 7bit/8bit line must stay within 998 octets (RFC 5322 §2.1.1); URLs are one word
            if (tracked == null || (lineLimited && tracked.length() > TransferEncoding.MAX_LINE_OCTETS - 98)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 1024);
            }
            out.append(text, copied, start).append(tracked);
            copied = end;
        }
        if (out == null) {
            return null;
        }
        return out.append(text, copied, n).toString();
    }

    private static int nextScheme(String text, int from) {
        int n = text.length();
        for (int i = text.indexOf(':', from); i >= 0 && i + 2 < n; i = text.indexOf(':', i + 1)) {
            if (text.charAt(i + 1) != '/' || text.charAt(i + 2) != '/') {
                continue;
            }
            int start;
            if (i >= 5 && text.regionMatches(true, i - 5, "https", 0, 5)) {
                start = i - 5;
            } else if (i >= 4 && text.regionMatches(true, i - 4, "http", 0, 4)) {
                start = i - 4;
            } else {
                continue;
            }
            if (start >= from && (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))) {
                return start;
            }
        }
        return -1;
    }

    private static boolean stops(char c) {
        return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '`';
    }

    private static int trimTrailing(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (".,;:!?'*".indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
                end--;
            } else if (last == ']' && count(text, start, end, '[') < count(text, start, end, ']')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String s, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
