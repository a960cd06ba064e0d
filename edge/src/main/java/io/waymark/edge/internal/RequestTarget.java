package io.waymark.edge.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.FastThreadLocal;
import io.waymark.common.host.Hostname;

import java.util.HashMap;
import java.util.Map;

/** Reads the parts of a request the routes need: the path without query, and the canonical Host. */
public final class RequestTarget {

    /**
     * Host header value → parsed host, per event loop. A keep-alive connection sends the same
     * Host on every request and hostname canonicalisation (IDNA rules, label checks) is not free;
     * the map is cleared when full, so a client inventing Host values only costs the parse.
     */
    private static final int HOST_CACHE_SIZE = 4096;
    // Netty's thread-local: an indexed slot on the event loops' threads, not a hash probe
    private static final FastThreadLocal<Map<String, Hostname>> HOSTS = new FastThreadLocal<>() {
        @Override
        protected Map<String, Hostname> initialValue() {
            return new HashMap<>();
        }
    };

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
        Hostname host = hostname(request);
        return host == null ? null : host.ascii();
    }

    /** As {@link #host}, parsed; null when missing or not a valid hostname. */
    public static Hostname hostname(HttpRequest request) {
        String raw = request.headers().get(HttpHeaderNames.HOST);
        if (raw == null || raw.isEmpty() || raw.charAt(0) == '[') {
            return null;
        }
        int colon = raw.lastIndexOf(':');
        if (colon >= 0) {
            String port = raw.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !digits(port)) {
                return null;
            }
            raw = raw.substring(0, colon);
        }
        Map<String, Hostname> cache = HOSTS.get();
        Hostname cached = cache.get(raw);
        if (cached != null) {
            return cached;
        }
        Hostname parsed;
        try {
            parsed = Hostname.parse(raw);
        } catch (RuntimeException e) {
            return null;
        }
        if (cache.size() >= HOST_CACHE_SIZE) {
            cache.clear();
        }
        cache.put(raw, parsed);
        return parsed;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
