package io.waymark.edge.bench;

import io.waymark.common.config.Config;
import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.edge.EdgeService;
import io.waymark.edge.TestKeys;
import io.waymark.edge.TestPki;
import io.waymark.edge.internal.CertificateRecords;
import io.waymark.embedded.KafkaProcess;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Load-test harness (not a test): {@code serve} starts a child Kafka broker, publishes
 * certificates for N hosts {@code h<i>.bench.example}, writes host h0's certificate and key for
 * nginx plus a click token, starts the edge and reports start-up time and heap after a full GC;
 * {@code probe} measures handshake latency of cold and hot hosts from a separate JVM. The
 * commands and figures are in docs/benchmarks.md.
 */
public final class EdgeBench {

    private EdgeBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> serve(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "probe" -> probe(Integer.parseInt(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("serve <dir> <hosts> <httpsPort> <httpPort> | probe <port> <root.pem> <from> <cold> <hot>");
        }
    }

    static String host(int i) {
        return "h" + i + ".bench.example";
    }

    private static void serve(Path dir, int hosts, int httpsPort, int httpPort) throws Exception {
        Files.createDirectories(dir);
        KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"));
        Topics topics = Topics.withPrefix("bench.");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
        }
        TestKeys keys = TestKeys.random();
        KeySealer sealer = new KeySealer(keys.sealRing());
        TestPki pki = new TestPki();
        Files.writeString(dir.resolve("root.pem"), pki.rootPem());

        boolean nginxCerts = Boolean.getBoolean("bench.nginx-certs");
        Path certs = Files.createDirectories(dir.resolve("certs"));
        long publishStart = System.nanoTime();
        try (KafkaProducer<String, CertificateRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, "50",
                ProducerConfig.BATCH_SIZE_CONFIG, "262144", ProducerConfig.ACKS_CONFIG, "all"),
                topics.certificates().keySerde().serializer(), topics.certificates().valueSerde().serializer())) {
            AtomicInteger done = new AtomicInteger();
            IntStream.range(0, hosts).parallel().forEach(i -> {
                try {
                    TestPki.Leaf leaf = pki.issue(host(i));
                    if (nginxCerts) {
                        // The peer for 100,000 hosts: nginx loading each host's files at its handshake.
                        writePem(leaf, certs.resolve(host(i) + ".pem"), certs.resolve(host(i) + ".key"));
                    }
                    if (i == 0) {
                        writePem(leaf, dir.resolve("h0-chain.pem"), dir.resolve("h0-key.pem"));
                    }
                    producer.send(new ProducerRecord<>(topics.certificates().name(), host(i),
                            CertificateRecords.of(host(i), leaf, sealer, 1)));
                    int n = done.incrementAndGet();
                    if (n % 10_000 == 0) {
                        System.out.println("published " + n);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            producer.flush();
        }
        System.out.printf("published %d certificates in %d ms%n", hosts, (System.nanoTime() - publishStart) / 1_000_000);
        TrackingTokenCodec codec = new TrackingTokenCodec(keys.tokenRing());
        Files.writeString(dir.resolve("h0-click.txt"), codec.encode(TrackingToken.click("bench-message-1",
                RecipientDigest.of("reader@example.org"), Hostname.parse("bench.example"), 1, "https://shop.example/landing"),
                Hostname.parse(host(0))));
        System.gc();

        Map<String, String> settings = new HashMap<>(ServiceRuntime.defaults(new EdgeService()));
        settings.put("admin.host", "127.0.0.1");
        settings.put("admin.port", "0");
        settings.put("edge.bind.host", "127.0.0.1");
        settings.put("edge.https.port", Integer.toString(httpsPort));
        settings.put("edge.http.port", Integer.toString(httpPort));
        settings.put("edge.node-name", "bench");
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("kafka.topic-prefix", topics.prefix());
        settings.put("seal.keys", keys.sealSpec());
        settings.put("token.keys", keys.tokenSpec());
        settings.put("edge.spool.dir", dir.resolve("spool").toString());
        // Overrides for experiments: -Dedge.io-threads=2 and the like (documented keys only).
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("edge."))
                .forEach(k -> settings.put(k, System.getProperty(k)));
        writeNginxConfig(dir, httpsPort + 1000, nginxCerts ? httpsPort + 1001 : 0);
        EdgeService service = new EdgeService();
        long start = System.nanoTime();
        ServiceRuntime runtime = ServiceRuntime.start("edge", Config.of(settings), service);
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> service.certificates().size() >= hosts && ready(runtime.adminPort()));
        long startupMs = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("READY hosts=%d startupMs=%d heapAfterFullGcMiB=%d https=%d http=%d admin=%d%n", hosts, startupMs,
                heap >> 20, service.server().httpsPort(), service.server().httpPort(), runtime.adminPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            kafka.close();
        }));
        Thread.currentThread().join();
    }

    /** Writes {@code leaf}'s chain and its PKCS#8 private key as PEM files, for nginx. */
    private static void writePem(TestPki.Leaf leaf, Path chain, Path key) throws java.io.IOException {
        Files.writeString(chain, leaf.chainPem());
        try (var pem = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(Files.newBufferedWriter(key))) {
            pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(leaf.keyPair().getPrivate(), null));
        }
    }

    /**
     * The peer's configuration: nginx on {@code port} serving host h0's certificate and answering
     * the click path with the same 302 and headers, without logging, session cache or tickets
     * (every edge handshake in the comparison is a full one too).
     */
    private static void writeNginxConfig(Path dir, int port, int perHostPort) throws java.io.IOException {
        Path nginx = dir.resolve("nginx").toAbsolutePath();
        for (String sub : List.of("logs", "body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(nginx.resolve(sub));
        }
        Path certs = dir.toAbsolutePath();
        Files.writeString(nginx.resolve("nginx.conf"), String.join("\n",
                "worker_processes auto;",
                "error_log " + nginx.resolve("logs/error.log") + " warn;",
                "pid " + nginx.resolve("nginx.pid") + ";",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                // nginx closes a keep-alive connection after 1,000 requests by default (and
                // h2load does not reconnect over HTTP/2); the edge sets no such limit.
                "  keepalive_requests 1000000;",
                "  ssl_session_cache off;",
                "  ssl_session_tickets off;",
                "  client_body_temp_path " + nginx.resolve("body") + ";",
                "  proxy_temp_path " + nginx.resolve("proxy") + ";",
                "  fastcgi_temp_path " + nginx.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + nginx.resolve("uwsgi") + ";",
                "  scgi_temp_path " + nginx.resolve("scgi") + ";",
                "  server {",
                "    listen 127.0.0.1:" + port + " ssl http2;",
                "    server_name " + host(0) + ";",
                "    ssl_certificate " + certs.resolve("h0-chain.pem") + ";",
                "    ssl_certificate_key " + certs.resolve("h0-key.pem") + ";",
                "    ssl_protocols TLSv1.2 TLSv1.3;",
                "    location /c/ {",
                "      add_header Cache-Control no-store always;",
                "      add_header Referrer-Policy no-referrer always;",
                "      return 302 https://shop.example/landing;",
                "    }",
                "  }",
                perHostPort == 0 ? "" : String.join("\n",
                        // Every host's certificate by SNI, read from disk at each handshake (nginx ≥ 1.15.9)
                        "  server {",
                        "    listen 127.0.0.1:" + perHostPort + " ssl;",
                        "    ssl_certificate " + certs.resolve("certs") + "/$ssl_server_name.pem;",
                        "    ssl_certificate_key " + certs.resolve("certs") + "/$ssl_server_name.key;",
                        "    ssl_protocols TLSv1.2 TLSv1.3;",
                        "    location / { return 404; }",
                        "  }"),
                "}",
                ""));
    }

    private static boolean ready(int adminPort) {
        try (var socket = new java.net.Socket("127.0.0.1", adminPort)) {
            socket.getOutputStream().write("GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (Exception e) {
            return false;
        }
    }

    private static void probe(int port, Path rootPem, int from, int cold, int hot) throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(rootPem)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        // Warm the client's own code paths on the hot host first.
        handshakes(tmf, port, i -> host(0), 500);
        long[] coldNanos = handshakes(tmf, port, i -> host(from + i), cold);
        long[] hotNanos = handshakes(tmf, port, i -> host(0), hot);
        report("cold (first handshake of a host: key opened, context built)", coldNanos);
        report("hot (cached context)", hotNanos);
    }

    private static long[] handshakes(TrustManagerFactory tmf, int port, java.util.function.IntFunction<String> host, int count)
            throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String name = host.apply(i);
            // A fresh client context per connection: no session resumption, every handshake is full.
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, tmf.getTrustManagers(), null);
            long begin = System.nanoTime();
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(name)));
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
            }
            nanos[i] = System.nanoTime() - begin;
        }
        return nanos;
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", label, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
