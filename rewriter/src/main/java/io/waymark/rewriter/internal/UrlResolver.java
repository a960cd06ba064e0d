package io.waymark.rewriter.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a relative reference against a {@code <base href>} as RFC 3986 §5.2 says, on strings
 * (java.net.URI refuses too much of what mail contains). Only http and https bases are used.
 */
public final class UrlResolver {

    private UrlResolver() {
    }

    /** The scheme of {@code url} (RFC 3986 §3.1), lower-case, or null for a relative reference. */
    public static String scheme(String url) {
        // nearly every link: no scan, no substring (and no case folding when lower-case)
        if (url.startsWith("https:")) {
            return "https";
        }
        if (url.startsWith("http:")) {
            return "http";
        }
        if (url.regionMatches(true, 0, "https:", 0, 6)) {
            return "https";
        }
        if (url.regionMatches(true, 0, "http:", 0, 5)) {
            return "http";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i == 0 ? null : url.substring(0, i).toLowerCase(java.util.Locale.ROOT);
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return null;
            }
        }
        return null;
    }

    /** {@code reference} resolved against the absolute http(s) {@code base}. */
    public static String resolve(String base, String reference) {
        String scheme = scheme(base);
        int authorityStart = scheme.length() + 3; // "http://"
        int pathStart = indexOfAny(base, "/?#", authorityStart);
        if (pathStart < 0) {
            pathStart = base.length();
        }
        String origin = base.substring(0, pathStart);
        int queryStart = indexOfAny(base, "?#", pathStart);
        String basePath = queryStart < 0 ? base.substring(pathStart) : base.substring(pathStart, queryStart);
        int fragmentStart = base.indexOf('#', pathStart);
        String baseNoFragment = fragmentStart < 0 ? base : base.substring(0, fragmentStart);
        if (reference.startsWith("//")) {
            return scheme + ":" + reference;
        }
        if (reference.startsWith("/")) {
            return origin + removeDotSegments(pathPart(reference)) + afterPath(reference);
        }
        if (reference.startsWith("?")) {
            String noQuery = queryStart < 0 ? baseNoFragment : base.substring(0, queryStart);
            return noQuery + reference;
        }
        if (reference.startsWith("#")) {
            return baseNoFragment + reference;
        }
        // RFC 3986 §5.2.3 merge: the base path up to its last "/", then the reference
        String merged = basePath.isEmpty() ? "/" + pathPart(reference)
                : basePath.substring(0, basePath.lastIndexOf('/') + 1) + pathPart(reference);
        return origin + removeDotSegments(merged) + afterPath(reference);
    }

    private static String pathPart(String ref) {
        int end = indexOfAny(ref, "?#", 0);
        return end < 0 ? ref : ref.substring(0, end);
    }

    private static String afterPath(String ref) {
        int end = indexOfAny(ref, "?#", 0);
        return end < 0 ? "" : ref.substring(end);
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        Deque<String> out = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (s.equals("..")) {
                if (out.size() > 1) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(s);
            }
        }
        String joined = String.join("/", out);
        return path.startsWith("/") && !joined.startsWith("/") ? "/" + joined : joined;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
