package io.waymark.edge;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import io.waymark.edge.internal.CidrBlock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The edge's settings, read once at start-up from the layered {@link Config}. Every key, its
 * environment variable and its default is listed in {@code edge/README.md}; a bad value stops the
 * service with a {@link ConfigException} that names the key.
 */
public record EdgeConfig(
        String bindHost,
        int httpsPort,
        int httpPort,
        String bootstrapServers,
        String topicPrefix,
        int contextCacheSize,
        int maxConnections,
        int maxInitialLineBytes,
        int maxHeaderBytes,
        Duration readTimeout,
        Duration idleTimeout,
        Duration handshakeTimeout,
        Duration headerTimeout,
        boolean proxyProtocol,
        List<CidrBlock> proxyProtocolSources,
        List<CidrBlock> trustedProxies,
        List<CidrBlock> privacyProxyRanges,
        List<String> scannerUserAgents,
        String nodeName,
        Path spoolDirectory,
        long spoolQuotaBytes,
        long spoolSegmentBytes,
        Duration spoolFsyncInterval,
        Duration deliveryTimeout,
        Duration kafkaLinger,
        String kafkaCompression,
        int ioThreads) {

    /** Scanner and prefetch signatures matched case-insensitively against User-Agent. */
    public static final String DEFAULT_SCANNER_USER_AGENTS =
            "bot,crawler,spider,preview,scanner,urldefense,proofpoint,mimecast,barracuda,"
                    + "safelinks,linkchecker,curl/,wget/,python-requests,go-http-client,headlesschrome";

    public EdgeConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        trustedProxies = List.copyOf(trustedProxies);
        proxyProtocolSources = List.copyOf(proxyProtocolSources);
        if (headerTimeout.isZero() || headerTimeout.isNegative()) {
            throw new ConfigException("edge.http.header-timeout", "edge.http.header-timeout must be positive, was " + headerTimeout);
        }
        if (proxyProtocol && proxyProtocolSources.isEmpty()) {
            throw new ConfigException("edge.proxy-protocol.trusted-sources", "edge.proxy-protocol=true needs "
                    + "edge.proxy-protocol.trusted-sources (the load balancers' CIDR blocks); it is empty");
        }
        privacyProxyRanges = List.copyOf(privacyProxyRanges);
        scannerUserAgents = List.copyOf(scannerUserAgents);
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (spoolSegmentBytes > spoolQuotaBytes) {
            throw new ConfigException("edge.spool.segment-bytes", "edge.spool.segment-bytes (" + spoolSegmentBytes
                    + ") must not exceed edge.spool.quota-bytes (" + spoolQuotaBytes + ")");
        }
    }

    /** The defaults documented in the README, as configuration keys. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("edge.bind.host", "0.0.0.0");
        d.put("edge.https.port", "443");
        d.put("edge.http.port", "80");
        d.put("kafka.bootstrap-servers", "localhost:9092");
        d.put("kafka.topic-prefix", "waymark.");
        d.put("edge.tls.context-cache-size", "10000");
        d.put("edge.max-connections", "20000");
        d.put("edge.http.max-initial-line-bytes", "8192");
        d.put("edge.http.max-header-bytes", "16384");
        d.put("edge.read-timeout", "10s");
        d.put("edge.idle-timeout", "60s");
        d.put("edge.tls.handshake-timeout", "10s");
        d.put("edge.http.header-timeout", "10s");
        d.put("edge.proxy-protocol", "false");
        d.put("edge.proxy-protocol.trusted-sources", "");
        d.put("edge.trusted-proxies", "");
        d.put("edge.bot.privacy-proxy-ranges", "");
        d.put("edge.bot.user-agents", DEFAULT_SCANNER_USER_AGENTS);
        d.put("edge.spool.dir", "spool");
        d.put("edge.spool.quota-bytes", Long.toString(1L << 30));
        d.put("edge.spool.segment-bytes", Long.toString(64L << 20));
        d.put("edge.spool.fsync-interval", "100ms");
        d.put("edge.kafka.delivery-timeout", "30s");
        d.put("edge.kafka.linger", "20ms");
        d.put("edge.kafka.compression", "lz4");
        d.put("edge.io-threads", "0");
        return d;
    }

    /** Reads and validates every edge setting. */
    public static EdgeConfig from(Config config) {
        return new EdgeConfig(
                config.string("edge.bind.host"),
                config.port("edge.https.port"),
                config.port("edge.http.port"),
                config.string("kafka.bootstrap-servers"),
                config.string("kafka.topic-prefix"),
                config.intInRange("edge.tls.context-cache-size", 1, 10_000_000),
                config.intInRange("edge.max-connections", 1, 10_000_000),
                config.intInRange("edge.http.max-initial-line-bytes", 256, 1 << 20),
                config.intInRange("edge.http.max-header-bytes", 256, 1 << 20),
                config.duration("edge.read-timeout"),
                config.duration("edge.idle-timeout"),
                config.duration("edge.tls.handshake-timeout"),
                config.duration("edge.http.header-timeout"),
                config.bool("edge.proxy-protocol"),
                cidrs(config, "edge.proxy-protocol.trusted-sources"),
                cidrs(config, "edge.trusted-proxies"),
                cidrs(config, "edge.bot.privacy-proxy-ranges"),
                config.list("edge.bot.user-agents"),
                config.optionalString("edge.node-name").orElseGet(EdgeConfig::localHostName),
                config.path("edge.spool.dir"),
                config.longInRange("edge.spool.quota-bytes", 1 << 20, Long.MAX_VALUE),
                config.longInRange("edge.spool.segment-bytes", 64 << 10, 1L << 30),
                config.duration("edge.spool.fsync-interval"),
                config.duration("edge.kafka.delivery-timeout"),
                config.duration("edge.kafka.linger"),
                compression(config),
                config.intInRange("edge.io-threads", 0, 1024));
    }

    private static String compression(Config config) {
        String value = config.string("edge.kafka.compression").toLowerCase(java.util.Locale.ROOT);
        if (!List.of("none", "lz4", "zstd", "snappy", "gzip").contains(value)) {
            throw config.invalid("edge.kafka.compression", value, "one of none, lz4, zstd, snappy, gzip");
        }
        return value;
    }

    private static List<CidrBlock> cidrs(Config config, String key) {
        return config.list(key).stream().map(text -> {
            try {
                return CidrBlock.parse(text);
            } catch (IllegalArgumentException e) {
                throw config.invalid(key, text, "a list of CIDR blocks such as 10.0.0.0/8, 2001:db8::/32");
            }
        }).toList();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "edge";
        }
    }
}
