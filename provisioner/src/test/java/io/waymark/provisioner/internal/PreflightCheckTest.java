package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.waymark.common.config.HostPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PreflightCheckTest {

    @Test
    void sendsTheTrackingHostAsHostHeaderAndReadsTheBody() throws IOException {
        // Given an edge on loopback that answers one token
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpServer edge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        edge.createContext("/.well-known/acme-challenge/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "tok.thumb".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        edge.start();
        try {
            PreflightCheck check = new PreflightCheck(new HostPort("127.0.0.1", edge.getAddress().getPort()),
                    Duration.ofSeconds(5));

            // When
            PreflightCheck.Answer answer = check.fetch("email.example.com", "tok");

            // Then
            assertThat(answer.serves("tok.thumb")).isTrue();
            assertThat(answer.serves("tok.other")).isFalse();
            assertThat(hosts).containsExactly("email.example.com");
        } finally {
            edge.stop(0);
        }
    }

    @Test
    void parsesContentLengthAndRefusesGarbage() throws IOException {
        // Given / When
        PreflightCheck.Answer answer = PreflightCheck.parse(
                "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno".getBytes(StandardCharsets.US_ASCII));

        // Then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.serves("no")).isFalse();
        assertThatThrownBy(() -> PreflightCheck.parse("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unreachableEdgeIsAnIoError() {
        // Given a port nobody listens on
        PreflightCheck check = new PreflightCheck(new HostPort("127.0.0.1", 1), Duration.ofSeconds(1));

        // When / Then
        assertThatThrownBy(() -> check.fetch("email.example.com", "tok")).isInstanceOf(IOException.class);
    }
}
