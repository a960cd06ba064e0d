package io.waymark.eventsink;

import java.util.List;
import java.util.Optional;

/**
 * One page of events, newest first. {@code nextPage} is an opaque token for the following page
 * (pass it back as {@code pagingState}); empty on the last page.
 */
public record EventPage(List<StoredEvent> events, Optional<String> nextPage) {

    public EventPage {
        events = List.copyOf(events);
        nextPage = nextPage == null ? Optional.empty() : nextPage;
    }
}
