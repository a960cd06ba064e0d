package io.waymark.renewer;

import com.sun.net.httpserver.HttpServer;
import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.kafka.ChallengeKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The edge's HTTP-01 role for the end-to-end test: answers
 * {@code GET /.well-known/acme-challenge/<token>} for the Host named in the request with the key
 * authorization the provisioner published on {@code acme-challenges} (RFC 8555 §8.3).
 */
final class Http01Responder implements AutoCloseable {

    private static final String PATH = "/.well-known/acme-challenge/";

    private final HttpServer server;

    Http01Responder(TopicTail<AcmeChallenge> challenges, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext(PATH, exchange -> {
            String token = exchange.getRequestURI().getPath().substring(PATH.length());
            String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "");
            byte[] body = challenges.latest(new ChallengeKey(host, token).toString())
                    .map(AcmeChallenge::getKeyAuthorization).orElse("")
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
