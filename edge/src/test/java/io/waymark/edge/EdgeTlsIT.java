package io.waymark.edge;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** TLS with certificates from the real {@code certificates} topic: SNI, ALPN, renewal, removal, refusal. */
@ExtendWith(KafkaExtension.class)
class EdgeTlsIT {

    private static final List<String> HOSTS = EdgeFixture.hosts("tls", 3);

    @TempDir
    Path spool;

    private EdgeFixture edge;
    private final Map<String, TestPki.Leaf> served = new HashMap<>();

    @BeforeEach
    void start(KafkaCluster kafka) throws Exception {
        edge = EdgeFixture.start(kafka.bootstrapServers(), spool);
        for (String host : HOSTS) {
            TestPki.Leaf leaf = edge.pki().issue(host);
            served.put(host, leaf);
            edge.publish(host, leaf, 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.service().certificates().size() == HOSTS.size());
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void eachHostGetsItsOwnCertificateOverTls13And12WithAlpn() throws Exception {
        for (String host : HOSTS) {
            // When
            try (TlsClient client = new TlsClient(edge.httpsPort(), host, edge.pki().root(), List.of("h2", "http/1.1"))) {
                // Then
                assertThat(client.serialHex()).as(host).isEqualTo(served.get(host).serialHex());
                assertThat(client.protocol()).isEqualTo("TLSv1.3");
                assertThat(client.applicationProtocol()).isEqualTo("h2");
            }
        }
        // TLS 1.2 is offered too
        try (TlsClient client = new TlsClient(edge.httpsPort(), HOSTS.get(0), edge.pki().root(), List.of("http/1.1"),
                List.of("TLSv1.2"))) {
            assertThat(client.protocol()).isEqualTo("TLSv1.2");
            assertThat(client.applicationProtocol()).isEqualTo("http/1.1");
            assertThat(client.get(HOSTS.get(0), "/").status()).isEqualTo(404);
        }
    }

    @Test
    void curlWithSniGetsTheRedirectOverHttp2() throws Exception {
        // Given
        String host = HOSTS.get(1);
        if (!onPath("curl")) {
            // Without curl (a bare CI image) the HTTP/2 path is still exercised through ALPN.
            try (TlsClient client = new TlsClient(edge.httpsPort(), host, edge.pki().root(), List.of("h2"))) {
                assertThat(client.applicationProtocol()).isEqualTo("h2");
            }
            return;
        }
        Path root = Files.writeString(spool.resolve("root.pem"), edge.pki().rootPem());
        String url = "https://" + host + ":" + edge.httpsPort() + "/c/" + edge.click(host, "m-curl", "https://shop.example/a");
        // When
        Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--resolve", host + ":" + edge.httpsPort() + ":127.0.0.1",
                "--cacert", root.toString(), "-o", "/dev/null", "-w", "%{http_version} %{http_code} %{redirect_url}", url)
                .redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Then
        assertThat(output).isEqualTo("2 302 https://shop.example/a");
    }

    @Test
    void aRenewedCertificateReachesNewHandshakesWithinOneSecondAndOpenConnectionsStay() throws Exception {
        // Given
        String host = HOSTS.get(0);
        TlsClient open = new TlsClient(edge.httpsPort(), host, edge.pki().root());
        assertThat(open.serialHex()).isEqualTo(served.get(host).serialHex());
        TestPki.Leaf renewed = edge.pki().issue(host);
        // When
        edge.publish(host, renewed, 2);
        long published = System.nanoTime();
        // Then
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            try (TlsClient client = new TlsClient(edge.httpsPort(), host, edge.pki().root())) {
                assertThat(client.serialHex()).isEqualTo(renewed.serialHex());
            }
        });
        System.out.printf("renewal visible after %d ms%n", (System.nanoTime() - published) / 1_000_000);
        assertThat(open.get(host, "/nothing").status()).isEqualTo(404);
        assertThat(open.serialHex()).isEqualTo(served.get(host).serialHex());
        open.close();
        // And an older version published later changes nothing
        edge.publish(host, served.get(host), 1);
        try (TlsClient client = new TlsClient(edge.httpsPort(), host, edge.pki().root())) {
            assertThat(client.serialHex()).isEqualTo(renewed.serialHex());
        }
    }

    @Test
    void aTombstoneRemovesTheHost() throws Exception {
        // Given
        String host = HOSTS.get(2);
        // When
        edge.delete(host);
        // Then
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThatThrownBy(() -> new TlsClient(edge.httpsPort(), host, edge.pki().root()).close())
                        .isInstanceOf(SSLHandshakeException.class));
    }

    @Test
    void unknownAndMissingSniAreRefusedWithUnrecognizedNameAndCounted() throws Exception {
        // When / Then
        assertThatThrownBy(() -> new TlsClient(edge.httpsPort(), "nobody.shop.example", edge.pki().root()).close())
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("unrecognized_name");
        assertThatThrownBy(() -> new TlsClient(edge.httpsPort(), null, edge.pki().root()).close())
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("unrecognized_name");
        assertThat(edge.service().metrics().count("sni_rejected", "reason", "unknown")).isEqualTo(1);
        assertThat(edge.service().metrics().count("sni_rejected", "reason", "missing")).isEqualTo(1);
        String metrics = adminGet("/metrics");
        assertThat(metrics).contains("waymark_edge_sni_rejected_total{reason=\"unknown\"");
    }

    @Test
    void readyOnceTheCertificateTopicWasReadToItsEnd() throws Exception {
        // Then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(adminGet("/readyz")).isEqualTo("ready"));
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private String adminGet(String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.runtime().adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim();
    }
}
