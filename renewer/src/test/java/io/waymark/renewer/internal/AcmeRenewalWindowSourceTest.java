package io.waymark.renewer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waymark.renewer.RenewalWindow;
import io.waymark.renewer.RenewalWindowException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * acme4j's connector against RFC 9773 fixtures on a loopback HTTP server: the path of the
 * lookup, the window, Retry-After, a directory without renewalInfo, a server error.
 */
class AcmeRenewalWindowSourceTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI serve(boolean offersAri, int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/dir", exchange -> json(exchange, 200, "{\"newNonce\":\"" + base + "/nonce\""
                + (offersAri ? ",\"renewalInfo\":\"" + base + "/renewal-info\"" : "") + "}", null));
        server.createContext("/renewal-info/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            try (InputStream fixture = getClass().getResourceAsStream("/ari/renewal-info.json")) {
                String body = status == 200 ? new String(fixture.readAllBytes(), StandardCharsets.UTF_8)
                        : "{\"type\":\"urn:ietf:params:acme:error:serverInternal\",\"detail\":\"down\"}";
                json(exchange, status, body, "Wed, 01 Apr 2026 06:00:00 GMT");
            }
        });
        server.start();
        return URI.create(base + "/dir");
    }

    private static void json(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void readsTheSuggestedWindowAndRetryAfterWithAnUnauthenticatedGet() throws Exception {
        URI directory = serve(true, 200);
        AcmeRenewalWindowSource source = AcmeRenewalWindowSource.forDirectory(directory, Optional.empty(),
                Duration.ofSeconds(5));

        Optional<RenewalWindow> window = source.lookup("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");

        assertThat(window).contains(new RenewalWindow(Instant.parse("2026-04-28T00:00:00Z"),
                Instant.parse("2026-04-30T00:00:00Z"), Optional.of(Instant.parse("2026-04-01T06:00:00Z"))));
        assertThat(requests).containsExactly("GET /renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
    }

    @Test
    void aDirectoryWithoutRenewalInfoMeansNoAri() throws Exception {
        URI directory = serve(false, 200);
        AcmeRenewalWindowSource source = AcmeRenewalWindowSource.forDirectory(directory, Optional.empty(),
                Duration.ofSeconds(5));

        assertThat(source.lookup("aki.serial")).isEmpty();
        assertThat(requests).isEmpty();
    }

    @Test
    void aServerErrorIsAFailedLookup() throws Exception {
        URI directory = serve(true, 500);
        AcmeRenewalWindowSource source = AcmeRenewalWindowSource.forDirectory(directory, Optional.empty(),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> source.lookup("aki.serial")).isInstanceOf(RenewalWindowException.class)
                .hasMessageContaining("aki.serial");
    }
}
