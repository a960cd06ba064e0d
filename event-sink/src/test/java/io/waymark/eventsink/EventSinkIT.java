package io.waymark.eventsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.embedded.CassandraExtension;
import io.waymark.embedded.CassandraNode;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.TrackingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink end to end on a real Kafka broker and a real Cassandra 5 node: 100,000 events (and
 * redeliveries) in, exactly the expected rows and counts out; then a second consumer group
 * replays the whole topic from offset 0 and no table changes by a single cell.
 */
@ExtendWith({KafkaExtension.class, CassandraExtension.class})
class EventSinkIT {

    private static final int EVENTS = 100_000;
    private static final int REDELIVERED = 5_000;
    private static final List<String> TABLES = List.of("events_by_domain", "events_by_message", "first_events",
            "first_clicks_by_link", "daily_events", "daily_recipients");
    /** A regular column per table for WRITETIME; the daily tables have key columns only. */
    private static final Map<String, String> WRITETIME_OF = new java.util.HashMap<>(Map.of(
            "events_by_domain", "kind", "events_by_message", "kind", "first_events", "event_id",
            "first_clicks_by_link", "event_id"));

    @Test
    void hundredThousandEventsGiveExactRowsAndCountsAndAFullReplayChangesNothing(KafkaCluster kafka,
                                                                                 CassandraNode cassandra)
            throws Exception {
        try (SinkHarness world = new SinkHarness(kafka, cassandra)) {
            // Given 100,000 distinct events, 5,000 of them delivered twice (the edge is at least once)
            List<TrackingEvent> events = EventFixtures.generate(42, EVENTS, 20, 20_000, Instant.now());
            List<TrackingEvent> records = new ArrayList<>(events);
            Random random = new Random(7);
            for (int i = 0; i < REDELIVERED; i++) {
                records.add(events.get(random.nextInt(EVENTS)));
            }
            world.produce(records);

            // When the sink consumes the whole topic
            SinkHarness.Sink sink = world.start("sink-a", Map.of());
            world.awaitCaughtUp("sink-a", Duration.ofMinutes(12));

            // Then every table holds exactly the expected rows (the digest starts with the row count)
            Map<String, String> before = new LinkedHashMap<>();
            for (String table : TABLES) {
                before.put(table, world.digest(table, WRITETIME_OF.get(table)));
            }
            Map<String, TrackingEvent> first = EventFixtures.firstEvents(events);
            assertThat(rows(before, "events_by_domain")).isEqualTo(EVENTS);
            assertThat(rows(before, "events_by_message")).isEqualTo(EVENTS);
            assertThat(rows(before, "daily_events")).isEqualTo(EVENTS);
            assertThat(rows(before, "first_events")).isEqualTo(first.size());
            assertThat(rows(before, "first_clicks_by_link")).isEqualTo(EventFixtures.firstClickLinks(events));
            assertThat(rows(before, "daily_recipients")).isEqualTo(EventFixtures.dailyRecipientRows(events));
            assertThat(sink.service().metrics().eventsWritten()).isEqualTo(EVENTS + REDELIVERED);

            // and the earliest event is the first open/click of every (message, recipient)
            EventQueries queries = new EventQueries(world.session, world.keyspace, 4, Clock.systemUTC());
            Map<String, String> storedFirst = new LinkedHashMap<>();
            Map<String, String> expectedFirst = new LinkedHashMap<>();
            first.values().stream().map(TrackingEvent::getMessageId).distinct().limit(2_000).forEach(message ->
                    queries.firstEvents(message).forEach(f ->
                            storedFirst.put(f.messageId() + "/" + f.recipient() + "/" + f.kind(), f.eventId())));
            storedFirst.keySet().forEach(k -> expectedFirst.put(k, first.get(k).getEventId()));
            assertThat(storedFirst).hasSizeGreaterThan(2_000).isEqualTo(expectedFirst);

            // and the daily totals and unique counts are exact for every domain and day
            Map<String, DailyCounts> expectedCounts = EventFixtures.dailyCounts(events);
            for (DailyCounts expected : expectedCounts.values()) {
                assertThat(queries.dailyCounts(expected.sendingDomain(), expected.day())).isEqualTo(expected);
            }

            sink.stop();

            // When a new consumer group replays the topic from offset 0
            SinkHarness.Sink replay = world.start("sink-replay", Map.of());
            world.awaitCaughtUp("sink-replay", Duration.ofMinutes(12));

            // Then no table changed: same rows, same values, same write times
            assertThat(replay.service().metrics().eventsWritten()).isEqualTo(EVENTS + REDELIVERED);
            Map<String, String> after = new LinkedHashMap<>();
            for (String table : TABLES) {
                after.put(table, world.digest(table, WRITETIME_OF.get(table)));
            }
            assertThat(after).isEqualTo(before);
            replay.stop();
        }
    }

    private static long rows(Map<String, String> digests, String table) {
        return Long.parseLong(digests.get(table).substring(0, digests.get(table).indexOf(':')));
    }
}
