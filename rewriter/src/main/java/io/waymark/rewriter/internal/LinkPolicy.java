package io.waymark.rewriter.internal;

import java.util.List;
import java.util.Set;

/**
 * Which links are tracked: absolute http(s) URLs only (mailto:, tel:, sms:, javascript:,
 * {@code #fragment} and every other scheme are left alone), never a template placeholder an
 * ESP fills in later, never one of the message's unsubscribe URLs (RFC 2369 List-Unsubscribe,
 * RFC 8058 one-click).
 */
public final class LinkPolicy {

    static final List<String> PLACEHOLDER_MARKS =
            List.of("{{", "}}", "{%", "%}", "*|", "|*", "%%", "${", "[[", "]]", "<%", "%>");

    private static final char[] MARK_FIRSTS = PLACEHOLDER_MARKS.stream().map(m -> String.valueOf(m.charAt(0)))
            .distinct().collect(java.util.stream.Collectors.joining()).toCharArray();

    private final Set<String> unsubscribeUrls;

    public LinkPolicy(Set<String> unsubscribeUrls) {
        this.unsubscribeUrls = Set.copyOf(unsubscribeUrls);
    }

    /** The URLs in a List-Unsubscribe header value: each {@code <...>} entry (RFC 2369 §2). */
    public static Set<String> unsubscribeUrls(String header) {
        if (header == null) {
            return Set.of();
        }
        java.util.Set<String> urls = new java.util.HashSet<>();
        int open = header.indexOf('<');
        while (open >= 0) {
            int close = header.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            urls.add(header.substring(open + 1, close).replaceAll("\\s+", ""));
            open = header.indexOf('<', close + 1);
        }
        return urls;
    }

    /** True when {@code url} (absolute, whitespace already stripped) may be tracked. */
    public boolean trackable(String url) {
        return trackable(url, false);
    }

    /**
     * {@link #trackable(String)} for a caller that has already found {@code url} itself to be no
     * {@link #placeholder} ({@code placeholderChecked}), so it is not scanned again.
     */
    public boolean trackable(String url, boolean placeholderChecked) {
        String scheme = UrlResolver.scheme(url);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return false;
        }
        if (url.length() <= scheme.length() + 3) {
            return false; // "http://" and nothing else
        }
        return (placeholderChecked || !placeholder(url)) && (unsubscribeUrls.isEmpty() || !unsubscribeUrls.contains(url));
    }

    /** True when {@code url} looks like a template placeholder and must not be touched at all. */
    public static boolean placeholder(String url) {
        // indexOf per distinct first character (vectorized, and these are rare in URLs) rather
        // than a char-by-char loop or a contains() per mark
        int last = url.length() - 1;
        for (char first : MARK_FIRSTS) {
            for (int i = url.indexOf(first); i >= 0 && i < last; i = url.indexOf(first, i + 1)) {
                char next = url.charAt(i + 1);
                for (String mark : PLACEHOLDER_MARKS) {
                    if (mark.charAt(0) == first && mark.charAt(1) == next) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
