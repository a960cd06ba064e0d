package io.waymark.eventsink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.waymark.eventsink.internal.RowLayout;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read side for people and tools ({@code ./waymark events list --domain D --since 1h},
 * {@code --message ID}): events newest first with stateless paging, exact daily counts, and the
 * first open/click rows. Reads at the session's consistency (LOCAL_QUORUM by default).
 *
 * <p>By domain, a page walks the UTC days from tomorrow (event times may run up to a day ahead)
 * back to the day of {@code since}; each day reads every bucket ({@code event-sink.domain-buckets},
 * which must be the sink's current value or higher) and merges them. The page token is the
 * position of the last event returned (day, time, id), so pages never repeat or skip an event
 * even while new events arrive.
 */
public final class EventQueries {

    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(60);
    private static final Comparator<StoredEvent> NEWEST_FIRST = Comparator
            .comparing(StoredEvent::occurredAt).thenComparing(StoredEvent::eventId).reversed();
    private static final String COLUMNS = "kind, event_id, message_id, sending_domain, tracking_host, recipient,"
            + " occurred_at, url, link_index, user_agent, anonymised_ip, bot, edge_node";

    private final CqlSession session;
    private final int domainBuckets;
    private final Clock clock;
    private final PreparedStatement domainFirst;
    private final PreparedStatement domainAfter;
    private final PreparedStatement messageFirst;
    private final PreparedStatement messageAfter;
    private final PreparedStatement countEvents;
    private final PreparedStatement countHumanEvents;
    private final PreparedStatement countRecipients;
    private final PreparedStatement firstEvents;
    private final PreparedStatement firstClicks;

    /**
     * @param domainBuckets the sink's {@code event-sink.domain-buckets} (or higher)
     */
    public EventQueries(CqlSession session, String keyspace, int domainBuckets, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (domainBuckets < 1) {
            throw new IllegalArgumentException("domain buckets must be 1 or more, was " + domainBuckets);
        }
        this.domainBuckets = domainBuckets;
        String domainKey = " FROM " + keyspace + ".events_by_domain WHERE sending_domain = ? AND day = ? AND bucket = ?";
        this.domainFirst = session.prepare("SELECT " + COLUMNS + domainKey + " LIMIT ?");
        this.domainAfter = session.prepare("SELECT " + COLUMNS + domainKey
                + " AND (occurred_at, event_id) < (?, ?) LIMIT ?");
        String messageKey = " FROM " + keyspace + ".events_by_message WHERE message_id = ?";
        this.messageFirst = session.prepare("SELECT " + COLUMNS + messageKey + " LIMIT ?");
        this.messageAfter = session.prepare("SELECT " + COLUMNS + messageKey
                + " AND (occurred_at, event_id) < (?, ?) LIMIT ?");
        String daily = " WHERE sending_domain = ? AND day = ? AND bucket = ? AND kind = ?";
        this.countEvents = session.prepare("SELECT COUNT(*) FROM " + keyspace + ".daily_events" + daily);
        this.countHumanEvents = session.prepare("SELECT COUNT(*) FROM " + keyspace + ".daily_events" + daily
                + " AND bot = false");
        this.countRecipients = session.prepare("SELECT COUNT(*) FROM " + keyspace + ".daily_recipients" + daily);
        this.firstEvents = session.prepare("SELECT message_id, recipient, kind, link_index, event_id, occurred_at,"
                + " url, bot FROM " + keyspace + ".first_events WHERE message_id = ?");
        this.firstClicks = session.prepare("SELECT message_id, recipient, link_index, event_id, occurred_at,"
                + " url, bot FROM " + keyspace + ".first_clicks_by_link WHERE message_id = ?");
    }

    /** Queries with the sink's own settings. */
    public static EventQueries of(CqlSession session, EventSinkConfig config) {
        return new EventQueries(session, config.keyspace(), config.domainBuckets(), Clock.systemUTC());
    }

    /**
     * Events of {@code domain} that occurred at or after {@code since}, newest first.
     *
     * @param pagingState null for the first page, else a previous page's {@link EventPage#nextPage()}
     */
    public EventPage listByDomain(String domain, Instant since, int pageSize, String pagingState) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(since, "since");
        checkPageSize(pageSize);
        Optional<Cursor> cursor = Cursor.decode(pagingState);
        LocalDate day = cursor.map(Cursor::day)
                .orElse(RowLayout.day(clock.instant().plus(RowLayout.MAX_CLOCK_SKEW)));
        LocalDate lastDay = RowLayout.day(since);
        List<StoredEvent> page = new ArrayList<>();
        Optional<Cursor> after = cursor;
        while (!day.isBefore(lastDay) && page.size() < pageSize) {
            int need = pageSize - page.size();
            List<StoredEvent> merged = new ArrayList<>();
            for (int bucket = 0; bucket < domainBuckets; bucket++) {
                var statement = after.isPresent()
                        ? domainAfter.bind(domain, day, bucket, after.get().occurredAt(), after.get().eventId(), need)
                        : domainFirst.bind(domain, day, bucket, need);
                session.execute(statement).forEach(row -> merged.add(event(row)));
            }
            merged.sort(NEWEST_FIRST);
            for (StoredEvent e : merged) {
                if (page.size() == pageSize || e.occurredAt().isBefore(since)) {
                    break;
                }
                page.add(e);
            }
            boolean dayExhausted = merged.size() < need || page.size() < pageSize;
            if (!dayExhausted) {
                break;
            }
            day = day.minusDays(1);
            after = Optional.empty();
        }
        return finish(page, pageSize, RowLayout.day(since), true);
    }

    /** Events of one message at or after {@code since} (use {@link Instant#EPOCH} for all), newest first. */
    public EventPage listByMessage(String messageId, Instant since, int pageSize, String pagingState) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(since, "since");
        checkPageSize(pageSize);
        Optional<Cursor> cursor = Cursor.decode(pagingState);
        var statement = cursor.isPresent()
                ? messageAfter.bind(messageId, cursor.get().occurredAt(), cursor.get().eventId(), pageSize + 1)
                : messageFirst.bind(messageId, pageSize + 1);
        List<StoredEvent> page = new ArrayList<>();
        boolean more = false;
        for (Row row : session.execute(statement)) {
            StoredEvent e = event(row);
            if (e.occurredAt().isBefore(since)) {
                break;
            }
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(e);
        }
        Optional<String> next = more ? Optional.of(Cursor.of(page.get(page.size() - 1)).encode()) : Optional.empty();
        return new EventPage(page, next);
    }

    /** Exact totals of {@code domain} on {@code day} (UTC), summed over the buckets. */
    public DailyCounts dailyCounts(String domain, LocalDate day) {
        long opens = 0;
        long clicks = 0;
        long humanOpens = 0;
        long humanClicks = 0;
        long uniqueOpens = 0;
        long uniqueClicks = 0;
        for (int bucket = 0; bucket < domainBuckets; bucket++) {
            opens += count(countEvents, domain, day, bucket, "OPEN");
            clicks += count(countEvents, domain, day, bucket, "CLICK");
            humanOpens += count(countHumanEvents, domain, day, bucket, "OPEN");
            humanClicks += count(countHumanEvents, domain, day, bucket, "CLICK");
            uniqueOpens += count(countRecipients, domain, day, bucket, "OPEN");
            uniqueClicks += count(countRecipients, domain, day, bucket, "CLICK");
        }
        return new DailyCounts(domain, day, opens, clicks, opens - humanOpens, clicks - humanClicks,
                uniqueOpens, uniqueClicks);
    }

    /** The first OPEN and first CLICK of every recipient of a message. */
    public List<FirstEvent> firstEvents(String messageId) {
        List<FirstEvent> result = new ArrayList<>();
        for (Row row : session.execute(firstEvents.bind(messageId))) {
            result.add(new FirstEvent(row.getString("message_id"), row.getString("recipient"), row.getString("kind"),
                    row.get("link_index", Integer.class), row.getString("event_id"), row.getInstant("occurred_at"),
                    row.getString("url"), row.getBoolean("bot")));
        }
        return result;
    }

    /** The first CLICK of every recipient on every link of a message. */
    public List<FirstEvent> firstClicksByLink(String messageId) {
        List<FirstEvent> result = new ArrayList<>();
        for (Row row : session.execute(firstClicks.bind(messageId))) {
            result.add(new FirstEvent(row.getString("message_id"), row.getString("recipient"), "CLICK",
                    row.getInt("link_index"), row.getString("event_id"), row.getInstant("occurred_at"),
                    row.getString("url"), row.getBoolean("bot")));
        }
        return result;
    }

    private long count(PreparedStatement statement, String domain, LocalDate day, int bucket, String kind) {
        Row row = session.execute(statement.bind(domain, day, bucket, kind).setTimeout(COUNT_TIMEOUT)).one();
        return row == null ? 0 : row.getLong(0);
    }

    private EventPage finish(List<StoredEvent> page, int pageSize, LocalDate lastDay, boolean byDay) {
        if (page.size() < pageSize) {
            return new EventPage(page, Optional.empty());
        }
        StoredEvent last = page.get(page.size() - 1);
        if (byDay && RowLayout.day(last.occurredAt()).isBefore(lastDay)) {
            return new EventPage(page, Optional.empty());
        }
        return new EventPage(page, Optional.of(Cursor.of(last).encode()));
    }

    private static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("page size must be in [1, 10000], was " + pageSize);
        }
    }

    private static StoredEvent event(Row row) {
        return new StoredEvent(row.getString("kind"), row.getString("event_id"), row.getString("message_id"),
                row.getString("sending_domain"), row.getString("tracking_host"), row.getString("recipient"),
                row.getInstant("occurred_at"), row.getString("url"), row.get("link_index", Integer.class),
                row.getString("user_agent"), row.getString("anonymised_ip"), row.getBoolean("bot"),
                row.getString("edge_node"));
    }

    /** Position of the last event of a page: its UTC day, time and id. */
    private record Cursor(LocalDate day, Instant occurredAt, String eventId) {

        static Cursor of(StoredEvent e) {
            return new Cursor(RowLayout.day(e.occurredAt()), e.occurredAt(), e.eventId());
        }

        String encode() {
            String text = "1:" + occurredAt.toEpochMilli() + ":" + eventId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Optional<Cursor> decode(String token) {
            if (token == null || token.isEmpty()) {
                return Optional.empty();
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                String[] parts = text.split(":", 3);
                if (parts.length != 3 || !parts[0].equals("1") || parts[2].isEmpty()) {
                    throw new IllegalArgumentException("not a page token");
                }
                Instant at = Instant.ofEpochMilli(Long.parseLong(parts[1]));
                return Optional.of(new Cursor(RowLayout.day(at), at, parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid page token '" + token + "'", e);
            }
        }
    }
}
