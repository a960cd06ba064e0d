package io.waymark.edge.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/** Reads the parts of a request the routes need: the path without query, and the canonical Host. */
public final class RequestTarget {

    private RequestTarget() {
    }

    /** The path of an origin-form request target, without query or fragment. */
    public static String pathOf(String uri) {
        int end = uri.length();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return uri.substring(0, end);
    }

    /**
     * The canonical host of the request's Host header (HTTP/2: {@code :authority}, which the
     * codec maps to Host), its port dropped; null when missing or not a valid hostname.
     */
    public static String host(HttpRequest request) {
        String raw = request.headers().get(HttpHeaderNames.HOST);
        if (raw == null || raw.isEmpty() || raw.charAt(0) == '[') {
            return null;
        }
        int colon = raw.lastIndexOf(':');
        if (colon >= 0) {
            String port = raw.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
                return null;
            }
            raw = raw.substring(0, colon);
        }
        return CertificateStore.normalise(raw);
    }
}
