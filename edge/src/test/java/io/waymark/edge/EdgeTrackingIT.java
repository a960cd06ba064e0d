package io.waymark.edge;

import io.waymark.edge.internal.EventSpool;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Click, open and HTTP-01 endpoints against real Kafka: what is answered and what reaches the topic. */
@ExtendWith(KafkaExtension.class)
class EdgeTrackingIT {

    private static final String HOST = "email.track.example";
    private static final String OTHER = "email.other.example";

    @TempDir
    Path spool;

    private EdgeFixture edge;

    @BeforeEach
    void start(KafkaCluster kafka) throws Exception {
        edge = EdgeFixture.start(kafka.bootstrapServers(), spool);
        edge.publish(HOST, edge.pki().issue(HOST), 1);
        edge.publish(OTHER, edge.pki().issue(OTHER), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.service().certificates().size() == 2);
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    /** Every event up to and including the one with message id {@code marker}. */
    private List<TrackingEvent> eventsUntil(String marker) {
        List<TrackingEvent> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, TrackingEvent> r : edge.poll(Duration.ofMillis(200))) {
                seen.add(r.value());
            }
            return seen.stream().anyMatch(e -> e.getMessageId().equals(marker));
        });
        return seen;
    }

    @Test
    void aValidClickRedirectsAndPublishesItsEvent() throws Exception {
        // Given
        String token = edge.click(HOST, "m-click", "https://shop.example/p/1?x=y");
        try (TlsClient client = new TlsClient(edge.httpsPort(), HOST, edge.pki().root())) {
            // When
            TlsClient.Response response = client.get(HOST, "/c/" + token);
            // Then
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.headers()).containsEntry("location", "https://shop.example/p/1?x=y")
                    .containsEntry("cache-control", "no-store").containsEntry("referrer-policy", "no-referrer");
        }
        List<TrackingEvent> events = eventsUntil("m-click");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getKind()).isEqualTo(TrackingEventKind.CLICK);
            assertThat(e.getTrackingHost()).isEqualTo(HOST);
            assertThat(e.getUrl()).isEqualTo("https://shop.example/p/1?x=y");
            assertThat(e.getAnonymisedIp()).isEqualTo("127.0.0.0");
            assertThat(e.getBot()).isFalse();
            assertThat(e.getEdgeNode()).isEqualTo("edge-it");
        });
    }

    @Test
    void tamperedForgedAndOtherHostTokensAre404AndPublishNothing() throws Exception {
        // Given
        String good = edge.click(HOST, "m-good", "https://shop.example/");
        String tampered = good.substring(0, 20) + (good.charAt(20) == 'A' ? 'B' : 'A') + good.substring(21);
        String forged = EdgeFixture.forged(HOST, "m-forged", "https://evil.example/");
        String otherHost = edge.click(OTHER, "m-other", "https://evil.example/");
        String marker = edge.click(HOST, "m-marker", "https://shop.example/marker");
        try (TlsClient client = new TlsClient(edge.httpsPort(), HOST, edge.pki().root())) {
            // When / Then
            for (String token : List.of(tampered, forged, otherHost)) {
                TlsClient.Response response = client.get(HOST, "/c/" + token);
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.headers()).doesNotContainKey("location");
            }
            assertThat(client.get(HOST, "/c/" + marker).status()).isEqualTo(302);
        }
        // Then: the marker is the only event (one partition: anything earlier would be before it)
        assertThat(eventsUntil("m-marker")).extracting(TrackingEvent::getMessageId).containsExactly("m-marker");
    }

    @Test
    void hostDifferentFromSniIs421AndPublishesNothing() throws Exception {
        // Given
        String token = edge.click(OTHER, "m-misdirected", "https://shop.example/");
        try (TlsClient client = new TlsClient(edge.httpsPort(), HOST, edge.pki().root())) {
            // When
            TlsClient.Response response = client.get(OTHER, "/c/" + token);
            // Then
            assertThat(response.status()).isEqualTo(421);
            assertThat(client.get(HOST, "/c/" + edge.click(HOST, "m-marker2", "https://shop.example/")).status()).isEqualTo(302);
        }
        assertThat(eventsUntil("m-marker2")).extracting(TrackingEvent::getMessageId).containsExactly("m-marker2");
    }

    @Test
    void aHeadAnswerCarriesNoBodySoTheNextAnswerOnTheConnectionIsIntact() throws Exception {
        // Given a keep-alive connection and an open token (43-byte GIF for GET)
        String open = edge.open(HOST, "m-keepalive");
        try (Socket socket = new Socket("127.0.0.1", edge.httpPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // When HEAD, then GET of the same pixel on the same connection
            out.write(("HEAD /o/" + open + " HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: Mozilla/5.0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            TlsClient.Response head = TlsClient.read(in, false);
            out.write(("GET /o/" + open + " HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: Mozilla/5.0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            TlsClient.Response get = TlsClient.read(in, true);
            // Then the HEAD announced the body and sent none: the GET's answer starts right after it
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).containsEntry("content-length", "43");
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.body()).hasSize(43);
            assertThat(get.headers()).containsEntry("content-type", "image/gif");
        }
        // both were recorded (the HEAD flagged as a machine), and no other event is left behind
        List<TrackingEvent> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, TrackingEvent> r : edge.poll(Duration.ofMillis(200))) {
                seen.add(r.value());
            }
            return seen.stream().filter(e -> e.getMessageId().equals("m-keepalive")).count() >= 2;
        });
        assertThat(seen).extracting(TrackingEvent::getMessageId).containsOnly("m-keepalive");
        assertThat(seen).extracting(TrackingEvent::getBot).containsExactly(true, false);
    }

    @Test
    void openPixelAndHeadBotFlagOnThePlainHttpPort() throws Exception {
        // Given
        String open = edge.open(HOST, "m-open");
        String click = edge.click(HOST, "m-head", "https://shop.example/h");
        try (Socket socket = new Socket("127.0.0.1", edge.httpPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // When
            out.write(("GET /o/" + open + " HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: Mozilla/5.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            TlsClient.Response pixel = TlsClient.read(in, true);
            out.write(("HEAD /c/" + click + " HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: Mozilla/5.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            TlsClient.Response head = TlsClient.read(in, false);
            // Then
            assertThat(pixel.status()).isEqualTo(200);
            assertThat(pixel.body()).hasSize(43);
            assertThat(pixel.headers()).containsEntry("content-type", "image/gif").containsEntry("cache-control", "no-store");
            assertThat(head.status()).isEqualTo(302);
        }
        List<ConsumerRecord<String, TrackingEvent>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            records.addAll(edge.poll(Duration.ofMillis(200)));
            return records.size() >= 2;
        });
        assertThat(records.get(0).value().getKind()).isEqualTo(TrackingEventKind.OPEN);
        assertThat(records.get(0).key()).isEqualTo("m-open");
        assertThat(records.get(1).value().getBot()).isTrue();
        assertThat(new String(records.get(1).headers().lastHeader(EventSpool.BOT_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("head");
    }

    @Test
    void http01AnswersFromTheChallengeTopicForTheMatchingHostOnly() throws Exception {
        // Given
        edge.challenge(HOST, "tok_123", "tok_123.thumb");
        String path = "/.well-known/acme-challenge/tok_123";
        // Then
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            TlsClient.Response response = plainGet(HOST + ":5002", path);
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("tok_123.thumb");
        });
        assertThat(plainGet(OTHER, path).status()).isEqualTo(404);
        assertThat(plainGet(HOST, "/.well-known/acme-challenge/unknown").status()).isEqualTo(404);
        assertThat(plainGet(HOST, "/anything").status()).isEqualTo(404);
    }

    @Test
    void onlyGetAndHeadAreServed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", edge.httpPort())) {
            // When
            socket.getOutputStream().write(("POST /c/x HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            TlsClient.Response response = TlsClient.read(socket.getInputStream(), true);
            // Then
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.headers()).containsEntry("allow", "GET, HEAD");
            assertThat(socket.getInputStream().read()).as("connection closed after 405").isEqualTo(-1);
        }
    }

    private TlsClient.Response plainGet(String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", edge.httpPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return TlsClient.read(socket.getInputStream(), true);
        }
    }
}
