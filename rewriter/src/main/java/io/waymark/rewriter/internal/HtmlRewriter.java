package io.waymark.rewriter.internal;

/**
 * A streaming, single-pass HTML tokenizer that replaces the {@code href} values of {@code <a>}
 * and {@code <area>} and inserts the open pixel; no DOM, no re-serialization: every character
 * it does not replace is copied as it was. It follows the HTML tokenizer where it matters for
 * finding tags: comments (conditional ones included) are skipped whole, {@code <script>},
 * {@code <style>}, {@code <template>} and the other raw-text and RCDATA elements are skipped to
 * their end tag, tag and attribute names match in any case, values may be double-, single- or
 * unquoted, and the first {@code <base href>} resolves relative links. A link stays as it is when
 * its element carries the opt-out attribute with {@code off} or {@code unsubscribe}, or when
 * {@link LinkPolicy} refuses it.
 */
public final class HtmlRewriter {

    private static final String[] SKIPPED_ELEMENTS = {"script", "style", "template", "textarea", "title", "xmp",
        "iframe", "noembed", "noframes"};
    // character classes of the tag scanner (HTML §13.2.5.33-34): what ends a tag name, and what
    // ends an attribute name
    private static final int NAME_END = 1;
    private static final int ATTRIBUTE_NAME_END = 2;
    private static final byte[] CHAR_CLASS = new byte[256];

    static {
        for (char c : new char[] {' ', '\t', '\n', '\r', '\f', '/', '>'}) {
            CHAR_CLASS[c] = NAME_END | ATTRIBUTE_NAME_END;
        }
        CHAR_CLASS['='] = ATTRIBUTE_NAME_END;
    }

    // per thread, the output buffer of the last rewrite, up to 4 MiB (parts of up to ~3.5 MB)
    private static final ThreadLocal<StringBuilder> BUFFERS = new ThreadLocal<>();
    private static final int MAX_KEPT_BUFFER_CHARS = 4 << 20;

    private static final int MIN_SKIPPED = 3;
    private static final int MAX_SKIPPED = 8;

    private final RewriteSession session;
    private final CharsetView charset;
    private final String lineBreak;

    private String src;
    private StringBuilder out;
    private int copied;
    private boolean changed;
    private String base;
    private boolean baseSeen;
    private int bodyCloseOut = -1;
    private StringBuilder scratch;
    // the bytes of the text scan() looks at
    private byte[] valueBytes = new byte[256];
    // set by urlOf: false when the URL it returned has no character of a placeholder mark
    private boolean maybePlaceholder;

    /**
     * @param lineBreak when not null, the part has a line limit (7bit/8bit): a replaced
     *                  {@code href} that would make its line too long starts a new line
     */
    public HtmlRewriter(RewriteSession session, CharsetView charset, String lineBreak) {
        this.session = session;
        this.charset = charset;
        this.lineBreak = lineBreak;
    }

    /** The rewritten HTML, or null when nothing changed. */
    public String rewrite(String html) {
        this.src = html;
        // room for links growing into tracking URLs (~60 characters each) without a regrowth
        this.out = borrowBuffer(html.length() + (html.length() >> 3) + 1024);
        try {
            return tokenize(html);
        } finally {
            returnBuffer(out);
            out = null;
        }
    }

    /**
     * The output buffer: the one this thread used last when there is one. A part's buffer is the
     * size of the part, and allocating (and zeroing) that much per part costs as much as
     * tokenizing it; the result is copied out by {@code toString()} anyway. Only transparent
     * views reuse it: their text and every tracking URL are one byte a char, so the buffer stays
     * compact.
     */
    private StringBuilder borrowBuffer(int capacity) {
        StringBuilder buffer = charset.transparent() ? BUFFERS.get() : null;
        if (buffer == null) {
            return new StringBuilder(capacity);
        }
        BUFFERS.set(null); // a nested rewrite on this thread gets its own
        buffer.setLength(0);
        buffer.ensureCapacity(capacity);
        return buffer;
    }

    private void returnBuffer(StringBuilder buffer) {
        if (charset.transparent() && buffer.capacity() <= MAX_KEPT_BUFFER_CHARS) {
            buffer.setLength(0);
            BUFFERS.set(buffer);
        }
    }

    private String tokenize(String html) {
        int n = html.length();
        int i = 0;
        while (i < n) {
            int lt = html.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                break;
            }
            char c = html.charAt(lt + 1);
            if (c == '!') {
                if (html.startsWith("<!--", lt)) {
                    // comments, conditional comments included: nothing inside is a link
                    int end = html.indexOf("-->", lt + 4);
                    i = end < 0 ? n : end + 3;
                } else {
                    int gt = html.indexOf('>', lt + 2);
                    i = gt < 0 ? n : gt + 1; // doctype, <![if ...]>, <![endif]>, CDATA
                }
            } else if (c == '?') {
                int gt = html.indexOf('>', lt + 2);
                i = gt < 0 ? n : gt + 1;
            } else if (c == '/') {
                i = endTag(lt);
            } else if (isLetter(c)) {
                i = startTag(lt);
            } else {
                i = lt + 1;
            }
        }
        if (session.options().trackOpens()) {
            insertPixel();
        }
        if (!changed) {
            return null;
        }
        out.append(src, copied, n);
        if (bodyCloseOut >= 0 && session.options().trackOpens()) {
            out.insert(bodyCloseOut, pixelTag());
        }
        return out.toString();
    }

    private void insertPixel() {
        changed = true;
        if (bodyCloseOut < 0) {
            // no </body>: the pixel goes at the very end of the part
            out.append(src, copied, src.length());
            copied = src.length();
            out.append(pixelTag());
        }
    }

    private String pixelTag() {
        return "<img src=\"" + HtmlCharacterReferences.escapeAttribute(session.pixel())
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
    }

    private int endTag(int lt) {
        int n = src.length();
        int p = lt + 2;
        if (p >= n || !isLetter(src.charAt(p))) {
            int gt = src.indexOf('>', p);
            return gt < 0 ? n : gt + 1; // "</>" or a bogus comment
        }
        int nameEnd = nameEnd(p);
        if (nameEnd - p == 4 && src.regionMatches(true, p, "body", 0, 4)) {
            out.append(src, copied, lt);
            copied = lt;
            bodyCloseOut = out.length(); // the last </body> wins
        }
        int gt = src.indexOf('>', nameEnd);
        return gt < 0 ? n : gt + 1;
    }

    private int startTag(int lt) {
        int n = src.length();
        int nameStart = lt + 1;
        int p = nameEnd(nameStart);
        int nameLength = p - nameStart;
        boolean link = nameLength == 1 ? (src.charAt(nameStart) | 0x20) == 'a'
                : nameLength == 4 && src.regionMatches(true, nameStart, "area", 0, 4);
        boolean baseTag = nameLength == 4 && src.regionMatches(true, nameStart, "base", 0, 4);
        int hrefName = -1;
        int valueStart = -1;
        int valueEnd = -1;
        boolean optedOut = false;
        boolean selfClosing = false;
        while (true) {
            while (p < n && (isSpace(src.charAt(p)) || src.charAt(p) == '/')) {
                selfClosing = src.charAt(p) == '/';
                p++;
            }
            if (p >= n) {
                return n; // unterminated tag at the end: leave it alone
            }
            if (src.charAt(p) == '>') {
                p++;
                break;
            }
            selfClosing = false;
            int attrStart = p;
            p++; // the first character may be "=" (HTML §13.2.5.32)
            while (p < n && !is(src.charAt(p), ATTRIBUTE_NAME_END)) {
                p++;
            }
            int attrEnd = p;
            int q = p;
            while (q < n && isSpace(src.charAt(q))) {
                q++;
            }
            int vs = -1;
            int ve = -1;
            if (q < n && src.charAt(q) == '=') {
                q++;
                while (q < n && isSpace(src.charAt(q))) {
                    q++;
                }
                if (q < n && (src.charAt(q) == '"' || src.charAt(q) == '\'')) {
                    int close = src.indexOf(src.charAt(q), q + 1);
                    if (close < 0) {
                        return n; // unterminated value: leave the rest alone
                    }
                    vs = q + 1;
                    ve = close;
                    p = close + 1;
                } else {
                    vs = q;
                    while (q < n && !isSpace(src.charAt(q)) && src.charAt(q) != '>') {
                        q++;
                    }
                    ve = q;
                    p = q;
                }
            }
            int attrLength = attrEnd - attrStart;
            if (attrLength == 4 && src.regionMatches(true, attrStart, "href", 0, 4)) {
                if (hrefName < 0 && vs >= 0) { // a duplicate attribute is ignored (HTML §13.2.5.33)
                    hrefName = attrStart;
                    valueStart = vs;
                    valueEnd = ve;
                }
            } else if (attrLength == session.optOutAttribute().length()
                    && src.regionMatches(true, attrStart, session.optOutAttribute(), 0, attrLength) && vs >= 0) {
                String v = src.substring(vs, ve).trim();
                optedOut = v.equalsIgnoreCase("off") || v.equalsIgnoreCase("unsubscribe");
            }
        }
        if (baseTag && !baseSeen && hrefName >= 0) {
            baseSeen = true;
            String url = urlOf(valueStart, valueEnd);
            String scheme = UrlResolver.scheme(url);
            base = "http".equals(scheme) || "https".equals(scheme) ? url : null;
        }
        if (link && hrefName >= 0 && !optedOut) {
            replaceHref(hrefName, valueStart, valueEnd);
        }
        if (!selfClosing && nameLength >= MIN_SKIPPED && nameLength <= MAX_SKIPPED) {
            for (String skipped : SKIPPED_ELEMENTS) {
                if (skipped.length() == nameLength && src.regionMatches(true, nameStart, skipped, 0, nameLength)) {
                    return skipTo(skipped, p);
                }
            }
        }
        return p;
    }

    private void replaceHref(int nameStart, int vs, int ve) {
        String url = urlOf(vs, ve);
        if (url.isEmpty() || url.charAt(0) == '#' || url.indexOf('\uFFFD') >= 0
                || (maybePlaceholder && LinkPolicy.placeholder(url))) {
            return;
        }
        boolean resolved = false;
        if (UrlResolver.scheme(url) == null) {
            if (base == null) {
                return; // relative without a usable <base href>: nothing to point at
            }
            url = UrlResolver.resolve(base, url);
            resolved = true;
        }
        // a resolved URL contains the base too: it is checked for placeholders again
        if (!session.policy().trackable(url, !resolved)) {
            return;
        }
        // the tracking URL is written straight into the output; copying up to the value first
        // changes nothing when the link then stays untracked
        out.append(src, copied, nameStart);
        int nameOut = out.length();
        int column = lineBreak != null ? column() : 0;
        out.append(src, nameStart, vs);
        copied = vs;
        int valueOut = out.length();
        if (!session.appendTracked(url, out)) {
            return;
        }
        if (!session.trackedUrlsAttributeSafe()) {
            HtmlCharacterReferences.escapeAttributeFrom(out, valueOut);
        }
        if (lineBreak != null && nameStart > 0 && isSpace(src.charAt(nameStart - 1))
                && column + (vs - nameStart) + (out.length() - valueOut) > TransferEncoding.MAX_LINE_OCTETS - 80) {
            out.insert(nameOut, lineBreak); // white space between attributes may be any white space
        }
        copied = ve;
        changed = true;
    }

    /** The URL an attribute value gives. */
    private String urlOf(int vs, int ve) {
        // the common value: printable ASCII, so it is its own Unicode text and has nothing to
        // trim or drop; only character references (&amp; in query strings) need decoding
        int found = scan(src, vs, ve);
        boolean plain = (found & ValueScan.OUTSIDE) == 0;
        boolean reference = (found & ValueScan.AMPERSAND) != 0;
        int marks = found & ValueScan.MARK;
        if (plain && !reference) {
            // the value is the URL: when no character of a placeholder mark is in it, it is none
            maybePlaceholder = marks != 0;
            return src.substring(vs, ve);
        }
        if (plain) {
            // nearly always only &amp; in a query string: decoded here, the value stays printable
            // ASCII and keeps the characters, marks included, that the scan above saw
            StringBuilder decoded = scratch();
            int from = vs;
            int amp = src.indexOf('&', vs);
            while (amp >= 0 && amp < ve && ve - amp >= 5 && src.startsWith("amp;", amp + 1)) {
                decoded.append(src, from, amp).append('&');
                from = amp + 5;
                amp = src.indexOf('&', from);
            }
            if (amp < 0 || amp >= ve) {
                maybePlaceholder = marks != 0;
                return decoded.append(src, from, ve).toString();
            }
        }
        String value = plain ? HtmlCharacterReferences.decode(src, vs, ve, scratch())
                : HtmlCharacterReferences.decode(charset.unicode(src.substring(vs, ve)));
        if (plain) {
            // nearly always only &amp; in a query string: when the decoded value is printable
            // ASCII too, it has nothing to trim or drop, and the same scan finds any mark
            found = scan(value, 0, value.length());
            if ((found & ValueScan.OUTSIDE) == 0) {
                maybePlaceholder = (found & ValueScan.MARK) != 0;
                return value;
            }
        }
        maybePlaceholder = true;
        // URL parsing strips leading/trailing C0 controls and spaces and drops tabs and line
        // breaks anywhere (WHATWG URL §4.4): what a client follows is what gets signed
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && value.charAt(end - 1) <= 0x20) {
            end--;
        }
        String trimmed = value.substring(start, end);
        if (trimmed.indexOf('\t') < 0 && trimmed.indexOf('\n') < 0 && trimmed.indexOf('\r') < 0) {
            return trimmed;
        }
        return trimmed.replace("\t", "").replace("\n", "").replace("\r", "");
    }

    /**
     * {@link ValueScan} of {@code text[from, to)}, read as the low byte of each char: exact for
     * the Latin-1 text of a transparent view. Other text may have a char above 0xff whose low
     * byte looks printable; such a value is then taken as printable ASCII and returned as it is,
     * which is also what the general path of {@link #urlOf} returns for it (no reference to
     * decode, nothing to trim or drop: a char above 0xff is none of those), and no mark's
     * character is ever missed.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the low byte of each char, no charset
    private int scan(String text, int from, int to) {
        int length = to - from;
        byte[] bytes = valueBytes;
        if (bytes.length < ValueScan.capacity(length)) {
            bytes = valueBytes = new byte[ValueScan.capacity(length) * 2];
        }
        text.getBytes(from, to, bytes, 0);
        return ValueScan.scan(bytes, length);
    }

    private StringBuilder scratch() {
        if (scratch == null) {
            scratch = new StringBuilder(256);
        }
        scratch.setLength(0);
        return scratch;
    }

    private int column() {
        int from = out.length() - 1;
        int limit = Math.max(0, out.length() - 2 * TransferEncoding.MAX_LINE_OCTETS);
        for (int i = from; i >= limit; i--) {
            if (out.charAt(i) == '\n') {
                return from - i;
            }
        }
        return from - limit + 1;
    }

    private int skipTo(String name, int from) {
        int n = src.length();
        int p = from;
        while (true) {
            int lt = src.indexOf("</", p);
            if (lt < 0) {
                return n;
            }
            int after = lt + 2 + name.length();
            if (src.regionMatches(true, lt + 2, name, 0, name.length())
                    && (after >= n || isSpace(src.charAt(after)) || src.charAt(after) == '>' || src.charAt(after) == '/')) {
                return lt;
            }
            p = lt + 2;
        }
    }

    private int nameEnd(int p) {
        int n = src.length();
        while (p < n && !is(src.charAt(p), NAME_END)) {
            p++;
        }
        return p;
    }

    /** Whether {@code c} is in the character class {@code cls}: one table load for the tag scanner's loops. */
    private static boolean is(char c, int cls) {
        return c <= 0xff && (CHAR_CLASS[c] & cls) != 0;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
