package io.waymark.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP-01 responder (RFC 8555 §8.3) for the tests: serves the key authorization for
 * {@code /.well-known/acme-challenge/<token>} and remembers every request's Host header.
 */
final class Http01Responder implements AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, String> keyAuthorizations = new ConcurrentHashMap<>();
    private final List<String> hostsAsked = new CopyOnWriteArrayList<>();

    Http01Responder(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext(PREFIX, exchange -> {
            String token = exchange.getRequestURI().getPath().substring(PREFIX.length());
            hostsAsked.add(exchange.getRequestHeaders().getFirst("Host"));
            String body = keyAuthorizations.get(token);
            byte[] bytes = (body == null ? "unknown token" : body).getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    void serve(String token, String keyAuthorization) {
        keyAuthorizations.put(token, keyAuthorization);
    }

    List<String> hostsAsked() {
        return hostsAsked;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
