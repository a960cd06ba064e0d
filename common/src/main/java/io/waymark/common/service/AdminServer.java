package io.waymark.common.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint of every service, on its own port so probes and scrapes never compete
 * with traffic: {@code GET /healthz} (liveness: 200 while the process serves HTTP),
 * {@code GET /readyz} (200, or 503 naming the phase or the failing checks) and
 * {@code GET /metrics} (Prometheus text format). Built on the JDK's {@code HttpServer} with two
 * daemon threads; no extra dependency.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(AdminServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final ReadinessRegistry readiness;

    private AdminServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry,
                        ReadinessRegistry readiness) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.readiness = readiness;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts serving. */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry,
                                    ReadinessRegistry readiness) throws IOException {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(readiness, "readiness");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(server, executor, registry, readiness);
        server.createContext("/", admin::handle);
        server.setExecutor(executor);
        server.start();
        LOGGER.atInfo().addKeyValue("address", server.getAddress()).log("admin server listening");
        return admin;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT, "method not allowed\n", false);
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/healthz":
                    respond(exchange, 200, TEXT, "ok\n", head);
                    break;
                case "/readyz":
                    ReadinessRegistry.Result result = readiness.evaluate();
                    respond(exchange, result.ready() ? 200 : 503, TEXT, readinessBody(result), head);
                    break;
                case "/metrics":
                    respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape(), head);
                    break;
                default:
                    respond(exchange, 404, TEXT, "not found\n", head);
            }
        } catch (RuntimeException e) {
            LOGGER.atWarn().setCause(e).log("admin request failed");
            throw e;
        }
    }

    private static String readinessBody(ReadinessRegistry.Result result) {
        if (result.ready()) {
            return "ready\n";
        }
        if (result.phase() != ReadinessRegistry.Phase.RUNNING) {
            return "not ready: " + result.phase().name().toLowerCase(java.util.Locale.ROOT) + "\n";
        }
        return "not ready: " + String.join(", ", result.failing()) + "\n";
    }

    private static void respond(HttpExchange exchange, int status, String type, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting requests and ends the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
