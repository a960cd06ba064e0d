package io.waymark.embedded.internal.pebble;

import io.waymark.embedded.internal.LoopbackPorts;
import io.waymark.embedded.internal.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Talks to a started Pebble over its own HTTPS: waits for the directory and the management
 * API to answer and fetches the issuing roots and intermediates (fresh on every Pebble start).
 */
public final class PebbleClient {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final PebbleSetup setup;

    public PebbleClient(PebbleSetup setup, SSLContext sslContext) {
        this.setup = setup;
        this.http = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(2)).build();
    }

    public URI directoryUri() {
        return URI.create("https://127.0.0.1:" + setup.acmePort() + "/dir");
    }

    public URI managementUri() {
        return URI.create("https://127.0.0.1:" + setup.managementPort() + "/");
    }

    /** Waits until challtestsrv's management port accepts connections. */
    public void awaitChallengeServer(BooleanSupplier alive, Supplier<String> log) {
        Poll.until("pebble-challtestsrv", READY_TIMEOUT, Duration.ofMillis(50),
                () -> LoopbackPorts.accepts(setup.challengeManagementPort()), alive, log);
    }

    /** Waits until the ACME directory and the management API both answer 200. */
    public void awaitPebble(BooleanSupplier alive, Supplier<String> log) {
        Poll.until("pebble", READY_TIMEOUT, Duration.ofMillis(50),
                () -> status(directoryUri()) == 200 && status(managementUri().resolve("roots/0")) == 200, alive, log);
    }

    public List<X509Certificate> fetch(String kind) {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.addAll(TrustMaterial.parsePem(get(managementUri().resolve(kind + "/0"))));
        return certificates;
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + uri, e);
        }
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
