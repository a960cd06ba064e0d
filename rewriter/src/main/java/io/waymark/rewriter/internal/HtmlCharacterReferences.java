package io.waymark.rewriter.internal;

import java.util.Map;

/**
 * Character references in attribute values (HTML Living Standard §13.2.5.72–80), decoded before
 * a URL is signed, and the escaping of a new value. Numeric references are decoded in full;
 * named references for the characters that appear in URLs and mail templates are known, others
 * stay literal (which makes such a link's URL differ from what a browser follows only if the
 * link used an exotic named reference in its URL). As in browsers, a named reference without
 * {@code ;} followed by {@code =} or an alphanumeric stays literal in an attribute
 * ({@code ?a=1&copy=2} keeps {@code &copy}).
 */
public final class HtmlCharacterReferences {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("sol", "/"), Map.entry("colon", ":"),
            Map.entry("quest", "?"), Map.entry("equals", "="), Map.entry("num", "#"), Map.entry("percnt", "%"),
            Map.entry("period", "."), Map.entry("comma", ","), Map.entry("lowbar", "_"), Map.entry("hyphen", "-"),
            Map.entry("dash", "\u2010"), Map.entry("plus", "+"), Map.entry("excl", "!"), Map.entry("dollar", "$"),
            Map.entry("lpar", "("), Map.entry("rpar", ")"), Map.entry("ast", "*"), Map.entry("semi", ";"),
            Map.entry("commat", "@"), Map.entry("lsqb", "["), Map.entry("rsqb", "]"), Map.entry("lbrack", "["),
            Map.entry("rbrack", "]"), Map.entry("lcub", "{"), Map.entry("rcub", "}"), Map.entry("verbar", "|"),
            Map.entry("tilde", "~"), Map.entry("Hat", "^"), Map.entry("grave", "`"), Map.entry("bsol", "\\"),
            Map.entry("Tab", "\t"), Map.entry("NewLine", "\n"), Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"),
            Map.entry("trade", "\u2122"), Map.entry("euro", "\u20ac"), Map.entry("pound", "\u00a3"),
            Map.entry("yen", "\u00a5"), Map.entry("cent", "\u00a2"), Map.entry("sect", "\u00a7"),
            Map.entry("shy", "\u00ad"), Map.entry("eacute", "\u00e9"), Map.entry("egrave", "\u00e8"),
            Map.entry("agrave", "\u00e0"), Map.entry("aacute", "\u00e1"), Map.entry("uuml", "\u00fc"),
            Map.entry("ouml", "\u00f6"), Map.entry("auml", "\u00e4"), Map.entry("szlig", "\u00df"),
            Map.entry("ccedil", "\u00e7"), Map.entry("ntilde", "\u00f1"));
    /** Legacy names a browser decodes even without the semicolon. */
    private static final java.util.Set<String> LEGACY = java.util.Set.of("amp", "lt", "gt", "quot", "nbsp",
            "copy", "reg");

    private HtmlCharacterReferences() {
    }

    /** The attribute value {@code raw} with its character references decoded. */
    public static String decode(String raw) {
        return raw.indexOf('&') < 0 ? raw : decode(raw, 0, raw.length());
    }

    /** {@code s[from, to)}, an attribute value, with its character references decoded. */
    public static String decode(String s, int from, int to) {
        return decode(s, from, to, new StringBuilder(to - from));
    }

    /** As {@link #decode(String, int, int)}, building the value in {@code scratch}, which must be empty. */
    public static String decode(String s, int from, int to, StringBuilder scratch) {
        int amp = s.indexOf('&', from);
        if (amp < 0 || amp >= to) {
            return s.substring(from, to);
        }
        StringBuilder out = scratch;
        int i = from;
        while (amp >= 0 && amp < to) {
            out.append(s, i, amp);
            i = decodeOne(s, amp, to, out);
            amp = s.indexOf('&', i);
        }
        out.append(s, i, to);
        return out.toString();
    }

    private static int decodeOne(String s, int amp, int end, StringBuilder out) {
        int p = amp + 1;
        if (end - p >= 4 && s.startsWith("amp;", p)) {
            out.append('&'); // by far the commonest: query strings
            return p + 4;
        }
        if (p < end && s.charAt(p) == '#') {
            p++;
            boolean hex = p < end && (s.charAt(p) == 'x' || s.charAt(p) == 'X');
            if (hex) {
                p++;
            }
            int digitsStart = p;
            long value = 0;
            while (p < end && Character.digit(s.charAt(p), hex ? 16 : 10) >= 0) {
                value = Math.min(value * (hex ? 16 : 10) + Character.digit(s.charAt(p), hex ? 16 : 10), 0x110000);
                p++;
            }
            if (p == digitsStart) {
                out.append('&');
                return amp + 1; // "&#" without digits is literal
            }
            if (p < end && s.charAt(p) == ';') {
                p++;
            }
            boolean invalid = value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF);
            out.appendCodePoint(invalid ? 0xFFFD : (int) value);
            return p;
        }
        int nameStart = p;
        while (p < end && p - nameStart < 32 && Character.isLetterOrDigit(s.charAt(p)) && s.charAt(p) < 0x80) {
            p++;
        }
        String name = s.substring(nameStart, p);
        boolean semicolon = p < end && s.charAt(p) == ';';
        String value = NAMED.get(name);
        if (value != null && semicolon) {
            out.append(value);
            return p + 1;
        }
        if (value != null && LEGACY.contains(name)) {
            boolean blocked = p < end && (s.charAt(p) == '=' || Character.isLetterOrDigit(s.charAt(p)));
            if (!blocked) {
                out.append(value);
                return p;
            }
        }
        out.append('&');
        return amp + 1;
    }

    /**
     * Escapes, in place, what {@code out} holds from {@code from} on (a value just appended), as
     * {@link #escapeAttribute} would; nothing is copied when there is nothing to escape.
     */
    public static void escapeAttributeFrom(StringBuilder out, int from) {
        if (out.indexOf("&", from) < 0 && out.indexOf("\"", from) < 0 && out.indexOf("'", from) < 0
                && out.indexOf("<", from) < 0 && out.indexOf(">", from) < 0) {
            return;
        }
        String value = out.substring(from);
        out.setLength(from);
        out.append(escapeAttribute(value));
    }

    /** {@code value} escaped for any attribute quoting style. */
    public static String escapeAttribute(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
