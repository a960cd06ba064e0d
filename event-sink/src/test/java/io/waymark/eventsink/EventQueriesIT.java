package io.waymark.eventsink;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.waymark.embedded.CassandraExtension;
import io.waymark.embedded.CassandraNode;
import io.waymark.eventsink.EventSinkConfig.Replication;
import io.waymark.eventsink.internal.EventStatements;
import io.waymark.eventsink.internal.RowLayout;
import io.waymark.eventsink.internal.SchemaMigrator;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read side and the schema against a real Cassandra node: migrations applied by three
 * instances at once, paging newest first across buckets and days, and the earliest event winning
 * the "first" tables whatever the order of the writes.
 */
@ExtendWith(CassandraExtension.class)
class EventQueriesIT {

    private static CqlSession session;
    private static String keyspace;

    @BeforeAll
    static void connect(CassandraNode cassandra) {
        session = CqlSession.builder().addContactPoint(cassandra.contactPoint())
                .withLocalDatacenter(cassandra.localDatacenter()).build();
        keyspace = "queries_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterAll
    static void disconnect() {
        session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                .setTimeout(Duration.ofSeconds(60)));
        session.close();
    }

    @Test
    void migrationsAppliedByThreeInstancesAtOnceConvergeToOneVersionEach() throws Exception {
        // Given three instances starting at the same moment on a fresh keyspace
        String fresh = keyspace + "_m";
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Callable<List<Integer>>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(() -> new SchemaMigrator(session, fresh, Replication.parse("datacenter1:1"),
                    Duration.ofMinutes(2)).migrate());
        }

        // When each applies the migrations
        List<Integer> applied = new ArrayList<>();
        for (Future<List<Integer>> f : pool.invokeAll(starts)) {
            applied.addAll(f.get());
        }
        pool.shutdown();

        // Then each version was applied once, recorded once, and a later start applies nothing
        assertThat(applied).containsExactly(1);
        assertThat(session.execute("SELECT version FROM " + fresh + ".schema_migrations").all()).hasSize(1);
        assertThat(session.getMetadata().getKeyspace(fresh).orElseThrow().getTable("events_by_domain")).isPresent();
        assertThat(new SchemaMigrator(session, fresh, Replication.parse("datacenter1:1"), Duration.ofMinutes(1))
                .migrate()).isEmpty();
        session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("DROP KEYSPACE " + fresh)
                .setTimeout(Duration.ofSeconds(60)));
    }

    @Test
    void listsNewestFirstWithPagingAndKeepsTheEarliestFirstEvent() throws Exception {
        // Given 45 events of one domain over two days, written in shuffled order through 4 buckets
        new SchemaMigrator(session, keyspace, Replication.parse("datacenter1:1"), Duration.ofMinutes(1)).migrate();
        RowLayout layout = new RowLayout(4, Duration.ofDays(30));
        EventStatements statements = new EventStatements(session, keyspace, layout);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<TrackingEvent> events = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            events.add(TrackingEvent.newBuilder()
                    .setKind(i % 2 == 0 ? TrackingEventKind.OPEN : TrackingEventKind.CLICK)
                    .setEventId("ev-" + (100 + i))
                    .setMessageId("m-1")
                    .setSendingDomain("pages.example.com")
                    .setTrackingHost("email.pages.example.com")
                    .setRecipient("a@example.org")
                    .setOccurredAt(now.minus(i, ChronoUnit.HOURS))
                    .setUrl(i % 2 == 0 ? null : "https://example.com/" + i)
                    .setLinkIndex(i % 2 == 0 ? null : 0)
                    .build());
        }
        List<TrackingEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new java.util.Random(5));
        for (TrackingEvent e : shuffled) {
            for (var statement : statements.bind(e, Instant.now())) {
                session.execute(statement);
            }
        }
        EventQueries queries = new EventQueries(session, keyspace, 4, Clock.systemUTC());

        // When the domain is listed 10 at a time since 30 hours ago
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            EventPage page = queries.listByDomain("pages.example.com", now.minus(30, ChronoUnit.HOURS), 10, token);
            page.events().forEach(e -> listed.add(e.eventId()));
            token = page.nextPage().orElse(null);
            pages++;
        } while (token != null && pages < 20);

        // Then it sees the 31 events of the last 30 hours, newest first, each once
        List<String> expected = events.subList(0, 31).stream().map(TrackingEvent::getEventId)
                .collect(Collectors.toList());
        assertThat(listed).containsExactlyElementsOf(expected);

        // When the message is listed 7 at a time
        List<StoredEvent> byMessage = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            EventPage page = queries.listByMessage("m-1", Instant.EPOCH, 7, next.orElse(null));
            byMessage.addAll(page.events());
            next = page.nextPage();
        } while (next.isPresent());

        // Then all 45 come back newest first with their details
        assertThat(byMessage).extracting(StoredEvent::eventId)
                .containsExactlyElementsOf(events.stream().map(TrackingEvent::getEventId).toList());
        assertThat(byMessage.get(1).url()).isEqualTo("https://example.com/1");
        assertThat(byMessage.get(0).linkIndex()).isNull();

        // and the first open and first click are the earliest ones, not the last written
        assertThat(queries.firstEvents("m-1")).extracting(FirstEvent::kind, FirstEvent::eventId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("CLICK", "ev-143"),
                        org.assertj.core.groups.Tuple.tuple("OPEN", "ev-144"));
        assertThat(queries.firstClicksByLink("m-1")).extracting(FirstEvent::eventId).containsExactly("ev-143");
    }
}
