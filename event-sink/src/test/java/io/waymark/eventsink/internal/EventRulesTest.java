package io.waymark.eventsink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static TrackingEvent.Builder click() {
        return TrackingEvent.newBuilder()
                .setKind(TrackingEventKind.CLICK)
                .setEventId("ev-1")
                .setMessageId("msg-1")
                .setSendingDomain("example.com")
                .setTrackingHost("email.example.com")
                .setRecipient("alice@example.org")
                .setOccurredAt(NOW.minusSeconds(5))
                .setUrl("https://example.com/")
                .setLinkIndex(0);
    }

    @Test
    void acceptsAValidClickAndOpen() {
        assertThat(EventRules.violation(click().build(), NOW)).isEmpty();
        assertThat(EventRules.violation(click().setKind(TrackingEventKind.OPEN).setUrl(null).setLinkIndex(null).build(),
                NOW)).isEmpty();
    }

    @Test
    void namesTheRuleABadEventBreaks() {
        assertThat(EventRules.violation(click().setKind(TrackingEventKind.UNKNOWN).build(), NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("UNKNOWN"));
        assertThat(EventRules.violation(click().setEventId(" ").build(), NOW)).hasValue("eventId is blank");
        assertThat(EventRules.violation(click().setSendingDomain("").build(), NOW)).hasValue("sendingDomain is blank");
        assertThat(EventRules.violation(click().setRecipient("x".repeat(2000)).build(), NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("recipient is 2000 characters"));
        assertThat(EventRules.violation(click().setUrl(null).build(), NOW)).hasValue("a CLICK has no url");
        assertThat(EventRules.violation(click().setLinkIndex(-1).build(), NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("linkIndex -1"));
        assertThat(EventRules.violation(click().setOccurredAt(NOW.plus(Duration.ofDays(2))).build(), NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("in the future"));
        assertThat(EventRules.violation(click().setOccurredAt(Instant.ofEpochMilli(-5)).build(), NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("outside"));
    }
}
