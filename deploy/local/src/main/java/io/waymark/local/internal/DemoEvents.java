package io.waymark.local.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import io.waymark.common.config.Config;
import io.waymark.eventsink.EventPage;
import io.waymark.eventsink.EventQueries;
import io.waymark.eventsink.EventSinkConfig;
import io.waymark.eventsink.StoredEvent;
import io.waymark.local.LocalEndpoints;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a message's events back from Cassandra with the event-sink's own {@link EventQueries}
 * (what {@code ./waymark events list --message ID} uses), configured from the sink's defaults
 * and the local stack's contact point.
 */
public final class DemoEvents {

    private static final Duration POLL = Duration.ofMillis(500);

    private DemoEvents() {
    }

    /** Waits until the message has a CLICK and an OPEN row; returns every event of the message. */
    public static List<StoredEvent> awaitClickAndOpen(LocalEndpoints endpoints, String messageId, Instant since,
            Duration timeout) {
        Map<String, String> settings = new HashMap<>(EventSinkConfig.DEFAULTS);
        settings.put(EventSinkConfig.CONTACT_POINTS, endpoints.cassandraContactPoint());
        settings.put(EventSinkConfig.LOCAL_DATACENTER, endpoints.cassandraDatacenter());
        EventSinkConfig config = EventSinkConfig.from(Config.of(settings));
        String[] hostPort = endpoints.cassandraContactPoint().split(":");
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
                .withLocalDatacenter(endpoints.cassandraDatacenter())
                .build()) {
            EventQueries queries = EventQueries.of(session, config);
            long deadline = System.nanoTime() + timeout.toNanos();
            List<StoredEvent> events = List.of();
            while (System.nanoTime() < deadline) {
                EventPage page = queries.listByMessage(messageId, since, 100, null);
                events = page.events();
                boolean clicked = events.stream().anyMatch(event -> "CLICK".equals(event.kind()));
                boolean opened = events.stream().anyMatch(event -> "OPEN".equals(event.kind()));
                if (clicked && opened) {
                    return events;
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            throw new IllegalStateException("no CLICK and OPEN for message " + messageId + " in Cassandra after "
                    + timeout.toSeconds() + " s (found " + events.size() + " events; see logs/edge.log and"
                    + " logs/event-sink.log)");
        }
    }
}
