package io.waymark.common.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ReadinessRegistry readiness = new ReadinessRegistry();
    private AdminServer server;

    @BeforeEach
    void start() throws Exception {
        server = AdminServer.start("127.0.0.1", 0, registry, readiness);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void livenessAnswersFromTheStart() throws Exception {
        HttpResponse<String> response = get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readinessFollowsPhaseAndChecks() throws Exception {
        // Given
        AtomicBoolean kafka = new AtomicBoolean(false);
        readiness.register("kafka", kafka::get);
        AtomicBoolean storeLoaded = new AtomicBoolean(false);
        readiness.register("store", () -> {
            if (!storeLoaded.get()) {
                throw new IllegalStateException("not loaded");
            }
            return true;
        });
        readiness.register("disk", () -> true);

        // Then: starting
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        assertThat(get("/readyz").body()).isEqualTo("not ready: starting\n");

        // When running with failing checks
        readiness.markRunning();
        HttpResponse<String> failing = get("/readyz");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body()).isEqualTo("not ready: kafka, store\n");

        // When every check passes
        kafka.set(true);
        storeLoaded.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").body()).isEqualTo("ready\n");

        // When stopping
        readiness.markStopping();
        assertThat(get("/readyz").body()).isEqualTo("not ready: stopping\n");
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        // Given
        MeterNames names = MeterNames.forService("edge");
        registry.counter(names.name("tokens_rejected"), "reason", "BAD_SIGNATURE").increment(3);

        // When
        HttpResponse<String> response = get("/metrics");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("waymark_edge_tokens_rejected_total{reason=\"BAD_SIGNATURE\"} 3.0");
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
