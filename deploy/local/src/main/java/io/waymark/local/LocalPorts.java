package io.waymark.local;

import io.waymark.embedded.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every loopback port the local stack binds. {@link #defaults()} are the fixed ports documented
 * in {@code deploy/local/README.md} (what {@code ./waymark} finds without flags); {@link #free()}
 * picks unused ones, for the end-to-end test that must not collide with a stack the developer
 * runs at the same time.
 *
 * @param kafka Kafka's client listener
 * @param kafkaController Kafka's KRaft controller listener
 * @param cassandraCql Cassandra's native (CQL) port
 * @param cassandraStorage Cassandra's internode port
 * @param pebbleAcme Pebble's ACME directory (HTTPS)
 * @param pebbleManagement Pebble's management API (roots, intermediates)
 * @param pebbleTlsAlpn the port Pebble's validator would use for TLS-ALPN-01 (unused, reserved)
 * @param challengeDns pebble-challtestsrv's DNS server (answers 127.0.0.1 for every name)
 * @param challengeManagement pebble-challtestsrv's management API
 * @param edgeHttp the edge's HTTP port; Pebble validates HTTP-01 against it
 * @param edgeHttps the edge's TLS port
 * @param provisionerAdmin provisioner's admin port ({@code /readyz})
 * @param renewerAdmin renewer's admin port
 * @param edgeAdmin edge's admin port
 * @param eventSinkAdmin event-sink's admin port
 * @param rewriterAdmin rewriter's admin port
 */
public record LocalPorts(int kafka, int kafkaController, int cassandraCql, int cassandraStorage,
        int pebbleAcme, int pebbleManagement, int pebbleTlsAlpn, int challengeDns, int challengeManagement,
        int edgeHttp, int edgeHttps, int provisionerAdmin, int renewerAdmin, int edgeAdmin, int eventSinkAdmin,
        int rewriterAdmin) {

    /** The fixed ports of the local stack. */
    public static LocalPorts defaults() {
        return new LocalPorts(29092, 29093, 29042, 29070, 29140, 29150, 29141, 29053, 29055,
                29080, 29443, 9401, 9403, 9402, 9404, 9405);
    }

    /** Ports that nothing listens on right now (for tests). */
    public static LocalPorts free() {
        int[] p = FreePorts.distinct(16);
        return new LocalPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
                p[14], p[15]);
    }

    /** Each port with what it is for, in start order; the launcher checks them all before starting. */
    public Map<Integer, String> purposes() {
        Map<Integer, String> purposes = new LinkedHashMap<>();
        purposes.put(pebbleAcme, "Pebble ACME directory");
        purposes.put(pebbleManagement, "Pebble management API");
        purposes.put(pebbleTlsAlpn, "Pebble TLS-ALPN-01 validation");
        purposes.put(challengeDns, "pebble-challtestsrv DNS");
        purposes.put(challengeManagement, "pebble-challtestsrv management API");
        purposes.put(kafka, "Kafka broker");
        purposes.put(kafkaController, "Kafka KRaft controller");
        purposes.put(cassandraCql, "Cassandra CQL");
        purposes.put(cassandraStorage, "Cassandra internode storage");
        purposes.put(edgeHttp, "edge HTTP (HTTP-01 answers, http:// tracking)");
        purposes.put(edgeHttps, "edge HTTPS (https:// tracking)");
        purposes.put(provisionerAdmin, "provisioner admin");
        purposes.put(renewerAdmin, "renewer admin");
        purposes.put(edgeAdmin, "edge admin");
        purposes.put(eventSinkAdmin, "event-sink admin");
        purposes.put(rewriterAdmin, "rewriter admin");
        return purposes;
    }

    /** The endpoints a stack in {@code home} on these ports offers. */
    public LocalEndpoints endpoints(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        return new LocalEndpoints("127.0.0.1:" + kafka, LocalEndpoints.TOPIC_PREFIX, "127.0.0.1:" + cassandraCql,
                LocalEndpoints.DATACENTER, edgeHttp, edgeHttps,
                URI.create("https://127.0.0.1:" + pebbleAcme + "/dir"),
                absolute.resolve("acme-roots.pem"), absolute.resolve("keys.properties"), absolute);
    }
}
