package io.waymark.edge.internal;

import io.waymark.schemas.TrackingEvent;

/**
 * Where the request handlers hand a tracking event. It must not block an event loop: the
 * production sink ({@link EventSpool}) queues and returns.
 */
public interface EventSink {

    /**
     * Accepts {@code event}; {@code botReason} is null for a human. Returns false when the event
     * could not be accepted (spool full); the redirect is served regardless.
     */
    boolean submit(TrackingEvent event, String botReason);
}
