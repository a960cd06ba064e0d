/**
 * The event sink: stores every {@code TrackingEvent} of {@code tracking-events} in Cassandra,
 * exactly once in effect. {@link io.waymark.eventsink.EventSinkService} is the service (run by
 * the common service frame, configured by {@link io.waymark.eventsink.EventSinkConfig});
 * {@link io.waymark.eventsink.EventQueries} is the read side other tools use (events of a domain
 * or a message, newest first with paging; exact daily counts; first opens and clicks). The
 * tables, the idempotence argument and the configuration table are in {@code event-sink/README.md}.
 */
package io.waymark.eventsink;
