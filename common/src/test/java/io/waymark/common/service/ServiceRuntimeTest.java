package io.waymark.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import io.waymark.common.service.internal.ComponentCloser;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServiceRuntimeTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> closed = new CopyOnWriteArrayList<>();

    @Test
    void runsTheServiceAndClosesComponentsNewestFirst() throws Exception {
        // Given
        Service service = context -> {
            context.manage("consumer", () -> closed.add("consumer"));
            context.manage("producer", () -> closed.add("producer"));
            context.manage("server", () -> closed.add("server"));
            context.readinessCheck("always", () -> true);
            context.meterRegistry().counter(context.meterNames().name("things")).increment();
        };

        // When
        ServiceRuntime runtime = ServiceRuntime.start("demo", config(Map.of()), service);

        // Then
        assertThat(get(runtime, "/readyz").statusCode()).isEqualTo(200);
        String metrics = get(runtime, "/metrics").body();
        assertThat(metrics).contains("waymark_demo_things_total{service=\"demo\"} 1.0");
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads");

        // When
        int port = runtime.adminPort();
        runtime.close();
        runtime.close();

        // Then
        assertThat(closed).containsExactly("server", "producer", "consumer");
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void aHangingComponentCostsTheBudgetButTheOthersStillClose() throws Exception {
        // Given
        CountDownLatch never = new CountDownLatch(1);
        Service service = context -> {
            context.manage("first", () -> closed.add("first"));
            context.manage("stuck", never::await);
            context.manage("last", () -> closed.add("last"));
        };
        ServiceRuntime runtime = ServiceRuntime.start("demo", config(Map.of("shutdown.timeout", "300ms")), service);

        // When
        long begin = System.nanoTime();
        runtime.close();
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;

        // Then
        assertThat(closed).containsExactly("last", "first");
        assertThat(tookMillis).isLessThan(5_000);
        never.countDown();
    }

    @Test
    void aFailedStartClosesWhatWasRegisteredAndRethrows() {
        // Given
        Service service = context -> {
            context.manage("pool", () -> closed.add("pool"));
            throw new IllegalStateException("kafka unreachable");
        };

        // Then
        assertThatThrownBy(() -> ServiceRuntime.start("demo", config(Map.of()), service))
                .hasMessage("kafka unreachable");
        assertThat(closed).containsExactly("pool");
    }

    @Test
    void badFrameConfigurationIsRefusedWithTheKey() {
        assertThatThrownBy(() -> ServiceRuntime.start("demo", config(Map.of("admin.port", "http")), ctx -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.port").hasMessageContaining("'http'");
        assertThatThrownBy(() -> ServiceRuntime.start("demo", config(Map.of("shutdown.timeout", "0s")), ctx -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shutdown.timeout");
    }

    @Test
    void serviceDefaultsOverrideFrameDefaults() {
        Service service = new Service() {
            @Override
            public void start(ServiceContext context) {
            }

            @Override
            public Map<String, String> defaults() {
                return Map.of("admin.port", "9401", "edge.https.port", "443");
            }
        };
        Map<String, String> defaults = ServiceRuntime.defaults(service);
        assertThat(defaults).containsEntry("admin.port", "9401").containsEntry("edge.https.port", "443")
                .containsEntry("shutdown.timeout", "30s");
    }

    @Test
    void closerReportsFailuresAndTimeouts() {
        List<String> problems = ComponentCloser.closeInReverse(List.of(
                new ComponentCloser.Component("ok", () -> { }),
                new ComponentCloser.Component("boom", () -> {
                    throw new IllegalStateException("boom");
                })), Duration.ofSeconds(1));
        assertThat(problems).containsExactly("boom");
    }

    private static Config config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(AdminConfig.DEFAULTS);
        values.put("admin.host", "127.0.0.1");
        values.put("admin.port", "0");
        values.putAll(overrides);
        return Config.of(values);
    }

    private HttpResponse<String> get(ServiceRuntime runtime, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
