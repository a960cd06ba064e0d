package io.waymark.eventsink;

import io.waymark.common.service.ServiceRuntime;

/**
 * Process entry point of the event sink: {@code java -cp … io.waymark.eventsink.EventSinkMain
 * [--config sink.properties]}. Runs {@link EventSinkService} in the common service frame until
 * SIGTERM.
 */
public final class EventSinkMain {

    private EventSinkMain() {
    }

    public static void main(String[] args) {
        ServiceRuntime.run(EventSinkService.NAME, args, new EventSinkService());
    }
}
