package io.waymark.edge.internal;

import io.netty.handler.codec.http.HttpMethod;

import java.net.InetAddress;
import java.util.List;
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
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String signature : signatures) {
            if (ua.contains(signature)) {
                return "scanner";
            }
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
}
