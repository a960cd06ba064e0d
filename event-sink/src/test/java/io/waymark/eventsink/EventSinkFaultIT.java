package io.waymark.eventsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.embedded.CassandraExtension;
import io.waymark.embedded.CassandraNode;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.TrackingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cassandra goes away in the middle of a run: the sink pauses its partitions, retries with
 * backoff, and when the node is back every event is stored exactly once and nothing was
 * dead-lettered.
 */
@ExtendWith({KafkaExtension.class, CassandraExtension.class})
class EventSinkFaultIT {

    @Test
    void cassandraStoppedAndRestartedMidRunLosesNothingAndDuplicatesNothing(KafkaCluster kafka,
                                                                            CassandraNode cassandra)
            throws Exception {
        try (SinkHarness world = new SinkHarness(kafka, cassandra)) {
            // Given a sink busy with 20,000 events
            List<TrackingEvent> events = new ArrayList<>(EventFixtures.generate(11, 30_000, 5, 6_000, Instant.now()));
            world.produce(events.subList(0, 20_000));
            SinkHarness.Sink sink = world.start("sink-fault", Map.of("event-sink.max-in-flight", "64"));
            MeterRegistry meters = sink.runtime().meterRegistry();
            await().atMost(Duration.ofMinutes(3)).until(() -> sink.service().metrics().eventsWritten() >= 2_000);

            // When the Cassandra node stops while events keep arriving
            cassandra.stop();
            try {
                world.produce(events.subList(20_000, 30_000));
                // Then the sink retries and pauses its partitions instead of buffering
                await().atMost(Duration.ofMinutes(2)).until(() ->
                        meters.get("waymark_event_sink_partitions_paused").gauge().value() > 0
                                && meters.get("waymark_event_sink_write_retries").counter().count() > 0);
                assertThat(sink.service().inFlight()).isLessThanOrEqualTo(64);
            } finally {
                // When the node comes back
                cassandra.start();
            }

            // Then the sink resumes and every event is stored exactly once
            world.awaitCaughtUp("sink-fault", Duration.ofMinutes(6));
            assertThat(world.count("events_by_domain")).isEqualTo(30_000);
            assertThat(world.count("events_by_message")).isEqualTo(30_000);
            assertThat(world.count("daily_events")).isEqualTo(30_000);
            assertThat(world.count("first_events")).isEqualTo(EventFixtures.firstEvents(events).size());
            assertThat(world.count("daily_recipients")).isEqualTo(EventFixtures.dailyRecipientRows(events));
            assertThat(meters.get("waymark_event_sink_dead_letters").counters())
                    .allSatisfy(c -> assertThat(c.count()).isZero());
            assertThat(meters.get("waymark_event_sink_partitions_paused").gauge().value()).isZero();
            sink.stop();
        }
    }
}
