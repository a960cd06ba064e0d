package io.waymark.local.internal;

import io.waymark.local.LocalEndpoints;
import io.waymark.local.LocalPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services of the local stack and their settings, with the production main classes
 * and configuration keys (each module's README): everything on 127.0.0.1, the fixed or given
 * ports, state under {@code data/<service>}, Pebble as the CA. The renewer joins when its main
 * class is on the classpath.
 */
public final class LocalServices {

    /** The renewer's main class, started by name so this module compiles without it. */
    public static final String RENEWER_MAIN = "io.waymark.renewer.RenewerMain";

    private static final String SHUTDOWN_TIMEOUT = "15s";

    private LocalServices() {
    }

    /**
     * @param acmeTrustPem the PEM file of the CA behind Pebble's own HTTPS (for the ACME clients)
     */
    public static List<ServiceSpec> of(StackHome home, LocalPorts ports, LocalEndpoints endpoints, LocalKeys keys,
            Path acmeTrustPem) {
        String kafka = endpoints.kafkaBootstrapServers();
        String prefix = endpoints.topicPrefix();
        Map<String, String> seal = Map.of("WAYMARK_SEAL_KEYS", keys.sealKeys());
        Map<String, String> token = Map.of("WAYMARK_TOKEN_KEYS", keys.tokenKeys());
        Map<String, String> sealAndToken = new LinkedHashMap<>(seal);
        sealAndToken.putAll(token);

        List<ServiceSpec> services = new ArrayList<>();
        services.add(new ServiceSpec("event-sink", "io.waymark.eventsink.EventSinkMain", ports.eventSinkAdmin(), "192m",
                settings(ports.eventSinkAdmin(),
                        "kafka.bootstrap-servers", kafka,
                        "kafka.topic-prefix", prefix,
                        "cassandra.contact-points", endpoints.cassandraContactPoint(),
                        "cassandra.local-datacenter", endpoints.cassandraDatacenter(),
                        "cassandra.replication", endpoints.cassandraDatacenter() + ":1"),
                Map.of(), true));
        services.add(new ServiceSpec("edge", "io.waymark.edge.EdgeMain", ports.edgeAdmin(), "192m",
                settings(ports.edgeAdmin(),
                        "kafka.bootstrap-servers", kafka,
                        "kafka.topic-prefix", prefix,
                        "edge.bind.host", "127.0.0.1",
                        "edge.http.port", Integer.toString(ports.edgeHttp()),
                        "edge.https.port", Integer.toString(ports.edgeHttps()),
                        "edge.node-name", "local-edge",
                        "edge.io-threads", "2",
                        "edge.spool.dir", home.data("edge").resolve("spool").toString(),
                        "edge.spool.quota-bytes", Integer.toString(256 << 20),
                        "edge.spool.segment-bytes", Integer.toString(16 << 20)),
                sealAndToken, false));
        services.add(new ServiceSpec("rewriter", "io.waymark.rewriter.RewriterService", ports.rewriterAdmin(), "256m",
                settings(ports.rewriterAdmin(),
                        "kafka.bootstrap-servers", kafka,
                        "kafka.topic-prefix", prefix,
                        "rewriter.state.dir", home.data("rewriter").resolve("state").toString(),
                        "rewriter.threads", "1"),
                token, false));
        services.add(new ServiceSpec("provisioner", "io.waymark.provisioner.ProvisionerMain", ports.provisionerAdmin(),
                "192m",
                settings(ports.provisionerAdmin(),
                        "kafka.bootstrap-servers", kafka,
                        "kafka.topic-prefix", prefix,
                        "acme.directory", endpoints.acmeDirectory().toString(),
                        "acme.trust-pem", acmeTrustPem.toString(),
                        "acme.account-key-file", home.data("provisioner").resolve("acme-account.sealed").toString(),
                        "preflight.edge-address", "127.0.0.1:" + ports.edgeHttp(),
                        "retry.delays", "2s,10s,1m"),
                seal, false));
        if (renewerAvailable()) {
            services.add(new ServiceSpec("renewer", RENEWER_MAIN, ports.renewerAdmin(), "192m",
                    settings(ports.renewerAdmin(),
                            "kafka.bootstrap-servers", kafka,
                            "kafka.topic-prefix", prefix,
                            "kafka.state-dir", home.data("renewer").resolve("state").toString(),
                            "acme.directory", endpoints.acmeDirectory().toString(),
                            "acme.trust-pem", acmeTrustPem.toString()),
                    Map.of(), false));
        }
        return services;
    }

    /** Whether the renewer's main class is on this JVM's classpath. */
    public static boolean renewerAvailable() {
        return LocalServices.class.getClassLoader().getResource(RENEWER_MAIN.replace('.', '/') + ".class") != null;
    }

    private static Map<String, String> settings(int adminPort, String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("admin.host", "127.0.0.1");
        settings.put("admin.port", Integer.toString(adminPort));
        settings.put("shutdown.timeout", SHUTDOWN_TIMEOUT);
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }
}
