package io.waymark.eventsink;

import java.time.Instant;

/**
 * The earliest OPEN or CLICK of a recipient for a message (and, for clicks by link, of one link):
 * the row the sink keeps with earliest-wins write timestamps.
 *
 * @param linkIndex the link for a click; null for an open
 */
public record FirstEvent(String messageId, String recipient, String kind, Integer linkIndex, String eventId,
                         Instant occurredAt, String url, boolean bot) {
}
