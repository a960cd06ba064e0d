package io.waymark.eventsink.internal;

import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import java.time.Instant;
import java.util.Optional;

/**
 * What a decodable {@link TrackingEvent} must also satisfy before the sink stores it. A record
 * that breaks a rule is a schema violation: it goes to the dead-letter topic with the rule as
 * the reason, never to Cassandra. {@code UNKNOWN} (what a reader sees for a kind added after its
 * release) is one of them: this release does not know how to store it.
 */
public final class EventRules {

    /** Longest id or domain stored; partition keys must stay far below Cassandra's 64 KiB. */
    static final int MAX_KEY_LENGTH = 1024;

    private EventRules() {
    }

    /** The first rule the event breaks, as a reason for the dead-letter headers; empty when valid. */
    public static Optional<String> violation(TrackingEvent event, Instant now) {
        if (event.getKind() == null || event.getKind() == TrackingEventKind.UNKNOWN) {
            return Optional.of("kind is " + event.getKind() + ": only CLICK and OPEN are stored");
        }
        Optional<String> bad = key("eventId", event.getEventId())
                .or(() -> key("messageId", event.getMessageId()))
                .or(() -> key("sendingDomain", event.getSendingDomain()))
                .or(() -> key("recipient", event.getRecipient()));
        if (bad.isPresent()) {
            return bad;
        }
        Instant at = event.getOccurredAt();
        if (at == null || at.toEpochMilli() < 0 || at.toEpochMilli() > RowLayout.MAX_EPOCH_MILLI) {
            return Optional.of("occurredAt " + at + " is outside the supported range");
        }
        if (at.isAfter(now.plus(RowLayout.MAX_CLOCK_SKEW))) {
            return Optional.of("occurredAt " + at + " is more than " + RowLayout.MAX_CLOCK_SKEW.toHours()
                    + "h in the future");
        }
        if (event.getKind() == TrackingEventKind.CLICK) {
            if (event.getUrl() == null || event.getUrl().isBlank()) {
                return Optional.of("a CLICK has no url");
            }
            if (event.getLinkIndex() == null || event.getLinkIndex() < 0) {
                return Optional.of("a CLICK has linkIndex " + event.getLinkIndex() + ", expected 0 or more");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> key(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(field + " is blank");
        }
        if (value.length() > MAX_KEY_LENGTH) {
            return Optional.of(field + " is " + value.length() + " characters, at most " + MAX_KEY_LENGTH);
        }
        return Optional.empty();
    }
}
