package io.waymark.eventsink;

import java.time.Instant;
import java.util.Objects;

/**
 * One click or open as the sink stored it, returned by {@link EventQueries}. Optional values
 * ({@code url}, {@code linkIndex} for opens; user agent, address, edge node when the edge did
 * not know them) are null.
 */
public record StoredEvent(
        String kind,
        String eventId,
        String messageId,
        String sendingDomain,
        String trackingHost,
        String recipient,
        Instant occurredAt,
        String url,
        Integer linkIndex,
        String userAgent,
        String anonymisedIp,
        boolean bot,
        String edgeNode) {

    public StoredEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
