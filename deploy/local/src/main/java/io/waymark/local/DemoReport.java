package io.waymark.local;

import io.waymark.eventsink.StoredEvent;
import java.util.List;

/**
 * What a run of {@link DemoScenario} did and saw, for the {@code demo} command's exit status
 * and for the end-to-end test's detailed checks.
 *
 * @param steps every step in order
 * @param messageId the id of the newsletter sent for the enabled domain
 * @param enabledLinks the links of that newsletter after rewriting (href values, in order)
 * @param enabledPixels the open pixel URLs of that newsletter after rewriting
 * @param plainLinks the links of the newsletter sent for the domain that is not enabled, after rewriting
 * @param originalLinks the links of the newsletter as written (href values, in order)
 * @param clickedUrl the tracking link that was followed
 * @param clickStatus the HTTP status the edge answered the click with (0 if not reached)
 * @param clickLocation the {@code Location} of that answer (null if none)
 * @param expectedLocation the original URL behind the followed link
 * @param storedEvents the events of the message read back from Cassandra
 */
public record DemoReport(List<DemoStep> steps, String messageId, List<String> enabledLinks,
        List<String> enabledPixels, List<String> plainLinks, List<String> originalLinks, String clickedUrl,
        int clickStatus, String clickLocation, String expectedLocation, List<StoredEvent> storedEvents) {

    public DemoReport {
        steps = List.copyOf(steps);
        enabledLinks = List.copyOf(enabledLinks);
        enabledPixels = List.copyOf(enabledPixels);
        plainLinks = List.copyOf(plainLinks);
        originalLinks = List.copyOf(originalLinks);
        storedEvents = List.copyOf(storedEvents);
    }

    /** Whether every step ran and passed. */
    public boolean passed() {
        return !steps.isEmpty() && steps.stream().allMatch(DemoStep::passed);
    }
}
