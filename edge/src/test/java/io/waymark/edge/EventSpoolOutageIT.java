package io.waymark.edge;

import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.KafkaProcess;
import io.waymark.schemas.TrackingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker is SIGKILLed while 1,000 clicks arrive: every click is still redirected, and after
 * the broker restarts all 1,000 events are on Kafka. Delivery is at-least-once with unique event
 * ids: the test counts distinct ids and reports duplicates.
 */
@ExtendWith(KafkaExtension.class)
class EventSpoolOutageIT {

    private static final String HOST = "email.outage.example";

    @TempDir
    Path spool;

    @Test
    void noEventIsLostWhileTheBrokerIsDown(KafkaProcess broker) throws Exception {
        // Given
        try (EdgeFixture edge = EdgeFixture.start(broker.bootstrapServers(), spool, Map.of("edge.kafka.delivery-timeout", "5s"))) {
            edge.publish(HOST, edge.pki().issue(HOST), 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> edge.service().certificates().size() == 1);
            Map<String, Integer> seenIds = new HashMap<>();
            Set<String> messageIds = new HashSet<>();
            try (TlsClient client = new TlsClient(edge.httpsPort(), HOST, edge.pki().root())) {
                // When
                for (int i = 0; i < 1000; i++) {
                    if (i == 200) {
                        broker.kill();
                    }
                    String messageId = "m-" + i;
                    messageIds.add(messageId);
                    TlsClient.Response response = client.get(HOST, "/c/" + edge.click(HOST, messageId, "https://shop.example/" + i));
                    assertThat(response.status()).as("click %d", i).isEqualTo(302);
                }
                assertThat(edge.service().spool().backlog()).isGreaterThan(0);
                broker.restart();
            }
            // Then
            long restarted = System.nanoTime();
            Set<String> delivered = new HashSet<>();
            int[] total = {0};
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (ConsumerRecord<String, TrackingEvent> r : edge.poll(Duration.ofMillis(500))) {
                    total[0]++;
                    seenIds.merge(r.value().getEventId(), 1, Integer::sum);
                    delivered.add(r.value().getMessageId());
                }
                return delivered.size() == 1000;
            });
            assertThat(delivered).isEqualTo(messageIds);
            assertThat(seenIds).hasSize(1000);
            long duplicates = total[0] - seenIds.size();
            System.out.printf("outage: 1000 events delivered %d ms after broker restart, %d duplicate deliveries%n",
                    (System.nanoTime() - restarted) / 1_000_000, duplicates);
            await().atMost(Duration.ofSeconds(10)).until(() -> edge.service().spool().backlog() == 0);
        }
    }
}
