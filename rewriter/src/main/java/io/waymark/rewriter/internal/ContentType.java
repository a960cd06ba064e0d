package io.waymark.rewriter.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code Content-Type} (RFC 2045 §5.1): lower-case type and subtype and the parameters
 * by lower-case name. Lenient, as mail software must be: a missing or unparsable header is
 * {@code text/plain; charset=us-ascii} (RFC 2045 §5.2), comments are dropped.
 */
public record ContentType(String type, String subtype, Map<String, String> parameters) {

    /** RFC 2045 §5.2: what a part without Content-Type is. */
    public static final ContentType DEFAULT = new ContentType("text", "plain", Map.of("charset", "us-ascii"));
    /** RFC 2046 §5.1.5: the default inside multipart/digest. */
    public static final ContentType DIGEST_DEFAULT = new ContentType("message", "rfc822", Map.of());

    /** Parses a header value; {@code fallback} when it is null or has no type/subtype. */
    public static ContentType parse(String value, ContentType fallback) {
        if (value == null) {
            return fallback;
        }
        String v = stripComments(value).trim();
        int semi = indexOfUnquoted(v, ';', 0);
        String media = (semi < 0 ? v : v.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int slash = media.indexOf('/');
        if (slash <= 0 || slash == media.length() - 1) {
            return fallback;
        }
        Map<String, String> params = new HashMap<>();
        int p = semi;
        while (p >= 0 && p < v.length()) {
            int next = indexOfUnquoted(v, ';', p + 1);
            String param = (next < 0 ? v.substring(p + 1) : v.substring(p + 1, next)).trim();
            int eq = param.indexOf('=');
            if (eq > 0) {
                String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String raw = param.substring(eq + 1).trim();
                params.putIfAbsent(name, unquote(raw));
            }
            p = next;
        }
        return new ContentType(media.substring(0, slash).trim(), media.substring(slash + 1).trim(), Map.copyOf(params));
    }

    public boolean is(String type, String subtype) {
        return this.type.equals(type) && this.subtype.equals(subtype);
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    /** A parameter by lower-case name, or null. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && raw.charAt(0) == '"') {
            StringBuilder out = new StringBuilder(raw.length());
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    out.append(raw.charAt(++i)); // RFC 5322 §3.2.4 quoted-pair
                } else if (c == '"') {
                    break;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        return raw;
    }

    private static int indexOfUnquoted(String s, char wanted, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                out.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    out.append(s.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"' && depth == 0) {
                quoted = true;
                out.append(c);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
