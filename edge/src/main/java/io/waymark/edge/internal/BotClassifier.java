package io.waymark.edge.internal;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.FastThreadLocal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Decides whether a hit looks automated and why. Reasons, in order: {@code head} (browsers
 * follow links with GET; HEAD is a link checker), {@code no_user_agent}, {@code scanner} (User-Agent
 * contains one of the configured signatures, case-insensitive), {@code privacy_proxy} (client in
 * a configured range such as Apple Mail Privacy Protection's egress). Null means a human, as far
 * as the edge can tell. The reason travels as the Kafka header {@code waymark-bot-reason}.
 */
public final class BotClassifier {

    private final List<String> signatures;
    private final List<CidrBlock> proxyRanges;

    /**
     * User-Agent → scanner verdict, per event loop: a client sends the same User-Agent on every
     * request, and lower-casing it for a dozen substring searches costs more than a lookup. The
     * map is cleared when full, so made-up values only cost the search.
     */
    private static final int VERDICT_CACHE_SIZE = 4096;
    private static final int MAX_CACHED_LENGTH = 512;
    // Netty's thread-local: an indexed slot on the event loops' threads, not a hash probe
    private final FastThreadLocal<Map<String, Boolean>> verdicts = new FastThreadLocal<>() {
        @Override
        protected Map<String, Boolean> initialValue() {
            return new HashMap<>();
        }
    };

    public BotClassifier(List<String> scannerUserAgents, List<CidrBlock> privacyProxyRanges) {
        this.signatures = scannerUserAgents.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.proxyRanges = List.copyOf(privacyProxyRanges);
    }

    /** The reason this request looks automated, or null. */
    public String reason(HttpMethod method, String userAgent, InetAddress client) {
        if (HttpMethod.HEAD.equals(method)) {
            return "head";
        }
        if (userAgent == null || userAgent.isBlank()) {
            return "no_user_agent";
        }
        if (scanner(userAgent)) {
            return "scanner";
        }
        if (client != null) {
            for (CidrBlock range : proxyRanges) {
                if (range.contains(client)) {
                    return "privacy_proxy";
                }
            }
        }
        return null;
    }

    private boolean scanner(String userAgent) {
        Map<String, Boolean> cache = verdicts.get();
        Boolean cached = cache.get(userAgent);
        if (cached != null) {
            return cached;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        boolean scanner = false;
        for (String signature : signatures) {
            if (ua.contains(signature)) {
                scanner = true;
                break;
            }
        }
        if (userAgent.length() <= MAX_CACHED_LENGTH) { // bounds the cache at ~4096 × 512 chars
            if (cache.size() >= VERDICT_CACHE_SIZE) {
                cache.clear();
            }
            cache.put(userAgent, scanner);
        }
        return scanner;
    }
}
