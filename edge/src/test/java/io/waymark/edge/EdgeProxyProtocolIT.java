package io.waymark.edge;

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

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge behind a load balancer that speaks the PROXY protocol: loopback is the trusted
 * balancer, and the client address in each event comes from the header, anonymised.
 */
@ExtendWith(KafkaExtension.class)
class EdgeProxyProtocolIT {

    private static final String HOST = "email.proxied.example";

    @TempDir
    Path spool;

    private EdgeFixture edge;

    @BeforeEach
    void start(KafkaCluster kafka) throws Exception {
        edge = EdgeFixture.start(kafka.bootstrapServers(), spool, Map.of(
                "edge.proxy-protocol", "true",
                "edge.proxy-protocol.trusted-sources", "127.0.0.0/8"));
        edge.publish(HOST, edge.pki().issue(HOST), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.service().certificates().size() == 1);
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    private TrackingEvent eventFor(String messageId) {
        List<TrackingEvent> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, TrackingEvent> r : edge.poll(Duration.ofMillis(200))) {
                seen.add(r.value());
            }
            return seen.stream().anyMatch(e -> e.getMessageId().equals(messageId));
        });
        return seen.stream().filter(e -> e.getMessageId().equals(messageId)).findFirst().orElseThrow();
    }

    @Test
    void aClickOverTlsAfterAProxyV1LineCarriesTheHeadersClientAddress() throws Exception {
        // Given a balancer connection that opens with a PROXY v1 line, then TLS
        String token = edge.click(HOST, "m-proxied", "https://shop.example/p/9");
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", edge.httpsPort()), 5000);
        plain.getOutputStream().write("PROXY TCP4 203.0.113.77 192.0.2.10 51000 443\r\n".getBytes(StandardCharsets.US_ASCII));
        try (TlsClient client = new TlsClient(plain, HOST, edge.pki().root())) {
            // When
            TlsClient.Response response = client.get(HOST, "/c/" + token);
            // Then
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.headers()).containsEntry("location", "https://shop.example/p/9");
        }
        TrackingEvent event = eventFor("m-proxied");
        assertThat(event.getKind()).isEqualTo(TrackingEventKind.CLICK);
        assertThat(event.getAnonymisedIp()).isEqualTo("203.0.113.0");
    }

    @Test
    void anOpenOnThePlainPortAfterAProxyV2HeaderCarriesAnIpv6ClientAddress() throws Exception {
        // Given
        String token = edge.open(HOST, "m-proxied-v2");
        ByteBuffer header = ByteBuffer.allocate(16 + 36);
        header.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x21, 0x00, 36});
        header.put(InetAddress.getByName("2001:db8:abcd:12::7").getAddress());
        header.put(InetAddress.getByName("2001:db8::80").getAddress());
        header.putShort((short) 51000).putShort((short) 80);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(header.array());
        wire.write(("GET /o/" + token + " HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: Mozilla/5.0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = new Socket("127.0.0.1", edge.httpPort())) {
            OutputStream out = socket.getOutputStream();
            // When
            out.write(wire.toByteArray());
            TlsClient.Response pixel = TlsClient.read(socket.getInputStream(), true);
            // Then
            assertThat(pixel.status()).isEqualTo(200);
        }
        TrackingEvent event = eventFor("m-proxied-v2");
        assertThat(event.getKind()).isEqualTo(TrackingEventKind.OPEN);
        assertThat(event.getAnonymisedIp()).isEqualTo("2001:db8:abcd::");
    }
}
