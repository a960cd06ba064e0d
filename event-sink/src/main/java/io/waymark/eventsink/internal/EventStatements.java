package io.waymark.eventsink.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The prepared, idempotent inserts of one event, bound per {@link RowLayout}. An OPEN makes five
 * rows (events by domain and by message, first event, daily event, daily recipient), a CLICK six
 * (plus the first click per link). Each statement is marked idempotent: it writes the same cells
 * with the same timestamps every time, so the driver and the sink may retry it freely.
 *
 * <p>Optional values are left unset in the append-only tables (no tombstones) and written as
 * explicit nulls in the "first" tables, so that each version of a first row is complete and the
 * winning version never mixes with cells of a later event.
 */
public final class EventStatements {

    private final RowLayout layout;
    private final PreparedStatement byDomain;
    private final PreparedStatement byMessage;
    private final PreparedStatement firstEvent;
    private final PreparedStatement firstClick;
    private final PreparedStatement dailyEvent;
    private final PreparedStatement dailyRecipient;

    public EventStatements(CqlSession session, String keyspace, RowLayout layout) {
        this.layout = layout;
        this.byDomain = prepare(session, "INSERT INTO " + keyspace + ".events_by_domain (sending_domain, day, bucket,"
                + " occurred_at, event_id, kind, message_id, recipient, tracking_host, url, link_index, user_agent,"
                + " anonymised_ip, bot, edge_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " USING TIMESTAMP ? AND TTL ?");
        this.byMessage = prepare(session, "INSERT INTO " + keyspace + ".events_by_message (message_id, occurred_at,"
                + " event_id, kind, sending_domain, recipient, tracking_host, url, link_index, user_agent,"
                + " anonymised_ip, bot, edge_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " USING TIMESTAMP ? AND TTL ?");
        this.firstEvent = prepare(session, "INSERT INTO " + keyspace + ".first_events (message_id, recipient, kind,"
                + " event_id, occurred_at, sending_domain, url, link_index, user_agent, bot)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?");
        this.firstClick = prepare(session, "INSERT INTO " + keyspace + ".first_clicks_by_link (message_id, recipient,"
                + " link_index, event_id, occurred_at, sending_domain, url, user_agent, bot)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?");
        this.dailyEvent = prepare(session, "INSERT INTO " + keyspace + ".daily_events (sending_domain, day, bucket,"
                + " kind, bot, event_id) VALUES (?, ?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?");
        this.dailyRecipient = prepare(session, "INSERT INTO " + keyspace + ".daily_recipients (sending_domain, day,"
                + " bucket, kind, message_id, recipient) VALUES (?, ?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?");
    }

    private static PreparedStatement prepare(CqlSession session, String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setIdempotent(true));
    }

    /**
     * The statements writing {@code event}, with a TTL running out at event time + retention;
     * empty when that moment has passed at {@code now}. The event must satisfy {@link EventRules}.
     */
    public List<BoundStatement> bind(TrackingEvent event, Instant now) {
        long ttl = layout.ttlSeconds(event.getOccurredAt(), now);
        if (ttl <= 0) {
            return List.of();
        }
        int ttlSeconds = (int) Math.min(ttl, Integer.MAX_VALUE);
        Instant at = event.getOccurredAt();
        LocalDate day = RowLayout.day(at);
        long appendTs = RowLayout.appendTimestamp(at);
        long firstTs = RowLayout.earliestWinsTimestamp(at, event.getEventId());
        String kind = event.getKind().name();
        boolean click = event.getKind() == TrackingEventKind.CLICK;

        List<BoundStatement> statements = new ArrayList<>(click ? 6 : 5);
        BoundStatementBuilder domain = byDomain.boundStatementBuilder()
                .setString(0, event.getSendingDomain())
                .setLocalDate(1, day)
                .setInt(2, layout.eventBucket(event.getEventId()))
                .setInstant(3, at)
                .setString(4, event.getEventId())
                .setString(5, kind)
                .setString(6, event.getMessageId())
                .setString(7, event.getRecipient())
                .setString(8, event.getTrackingHost())
                .setBoolean(13, event.getBot());
        optionalDetails(domain, event, 9);
        statements.add(domain.setLong(15, appendTs).setInt(16, ttlSeconds).build());

        BoundStatementBuilder message = byMessage.boundStatementBuilder()
                .setString(0, event.getMessageId())
                .setInstant(1, at)
                .setString(2, event.getEventId())
                .setString(3, kind)
                .setString(4, event.getSendingDomain())
                .setString(5, event.getRecipient())
                .setString(6, event.getTrackingHost())
                .setBoolean(11, event.getBot());
        optionalDetails(message, event, 7);
        statements.add(message.setLong(13, appendTs).setInt(14, ttlSeconds).build());

        statements.add(firstEvent.boundStatementBuilder()
                .setString(0, event.getMessageId())
                .setString(1, event.getRecipient())
                .setString(2, kind)
                .setString(3, event.getEventId())
                .setInstant(4, at)
                .setString(5, event.getSendingDomain())
                .setString(6, event.getUrl())
                .set(7, event.getLinkIndex(), Integer.class)
                .setString(8, event.getUserAgent())
                .setBoolean(9, event.getBot())
                .setLong(10, firstTs)
                .setInt(11, ttlSeconds)
                .build());
        if (click) {
            statements.add(firstClick.boundStatementBuilder()
                    .setString(0, event.getMessageId())
                    .setString(1, event.getRecipient())
                    .setInt(2, event.getLinkIndex())
                    .setString(3, event.getEventId())
                    .setInstant(4, at)
                    .setString(5, event.getSendingDomain())
                    .setString(6, event.getUrl())
                    .setString(7, event.getUserAgent())
                    .setBoolean(8, event.getBot())
                    .setLong(9, firstTs)
                    .setInt(10, ttlSeconds)
                    .build());
        }
        statements.add(dailyEvent.boundStatementBuilder()
                .setString(0, event.getSendingDomain())
                .setLocalDate(1, day)
                .setInt(2, layout.eventBucket(event.getEventId()))
                .setString(3, kind)
                .setBoolean(4, event.getBot())
                .setString(5, event.getEventId())
                .setLong(6, appendTs)
                .setInt(7, ttlSeconds)
                .build());
        statements.add(dailyRecipient.boundStatementBuilder()
                .setString(0, event.getSendingDomain())
                .setLocalDate(1, day)
                .setInt(2, layout.recipientBucket(event.getMessageId(), event.getRecipient()))
                .setString(3, kind)
                .setString(4, event.getMessageId())
                .setString(5, event.getRecipient())
                .setLong(6, appendTs)
                .setInt(7, ttlSeconds)
                .build());
        return statements;
    }

    /** url, link_index, user_agent, anonymised_ip at {@code from}..{@code from+3}; edge_node at from+5. */
    private static void optionalDetails(BoundStatementBuilder builder, TrackingEvent event, int from) {
        if (event.getUrl() != null) {
            builder.setString(from, event.getUrl());
        }
        if (event.getLinkIndex() != null) {
            builder.setInt(from + 1, event.getLinkIndex());
        }
        if (event.getUserAgent() != null) {
            builder.setString(from + 2, event.getUserAgent());
        }
        if (event.getAnonymisedIp() != null) {
            builder.setString(from + 3, event.getAnonymisedIp());
        }
        if (event.getEdgeNode() != null) {
            builder.setString(from + 5, event.getEdgeNode());
        }
    }
}
