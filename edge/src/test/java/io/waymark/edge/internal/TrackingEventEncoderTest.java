package io.waymark.edge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrackingEventEncoderTest {

    private final Topic<String, TrackingEvent> topic = Topics.withPrefix("t.").trackingEvents();

    @Test
    void writesExactlyTheSerializersBytesForRandomEvents() {
        // Given
        TrackingEventEncoder encoder = TrackingEventEncoder.forTopic(topic);
        Random random = new Random(20261204);
        assertThat(encoder.direct()).isTrue();

        for (int i = 0; i < 5_000; i++) {
            TrackingEvent event = randomEvent(random);

            // When
            byte[] ours = encoder.encode(event);

            // Then
            assertThat(ours).as("event %d: %s", i, event)
                    .isEqualTo(topic.valueSerde().serializer().serialize(topic.name(), event));
            assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), ours)).isEqualTo(event);
        }
    }

    @Test
    void aSerializerThatDisagreesIsUsedInsteadAndNothingIsWrittenDirectly() {
        // Given a "serializer" whose bytes are not the direct encoder's (as after a schema change)
        AtomicInteger calls = new AtomicInteger();
        TrackingEventEncoder encoder = new TrackingEventEncoder(event -> {
            calls.incrementAndGet();
            return new byte[] {1, 2, 3};
        });
        TrackingEvent event = randomEvent(new Random(1));

        // When
        byte[] encoded = encoder.encode(event);

        // Then
        assertThat(encoder.direct()).isFalse();
        assertThat(encoded).containsExactly(1, 2, 3);
        assertThat(calls.get()).isEqualTo(2); // the start-up comparison, then this event
    }

    @Test
    void aMissingRequiredFieldIsRefusedAsByTheSerializer() {
        // Given
        TrackingEventEncoder encoder = TrackingEventEncoder.forTopic(topic);
        TrackingEvent event = randomEvent(new Random(2));
        event.setMessageId(null);

        // When / Then
        assertThatThrownBy(() -> encoder.encode(event)).isInstanceOf(NullPointerException.class);
    }

    private static TrackingEvent randomEvent(Random r) {
        boolean click = r.nextBoolean();
        return new TrackingEvent(
                click ? TrackingEventKind.CLICK : TrackingEventKind.OPEN,
                text(r, 36),
                text(r, 80),
                text(r, 40),
                text(r, 60),
                text(r, 24),
                Instant.ofEpochMilli(r.nextInt(4) == 0 ? -r.nextInt(1_000_000) : r.nextLong() >>> 20),
                click ? text(r, 300) : null,
                click ? (r.nextInt(4) == 0 ? r.nextInt(Integer.MAX_VALUE) : r.nextInt(200)) : null,
                r.nextInt(5) == 0 ? null : text(r, 600),
                r.nextInt(5) == 0 ? null : text(r, 40),
                r.nextBoolean(),
                r.nextInt(5) == 0 ? null : text(r, 20));
    }

    /** Mostly ASCII; sometimes Latin-1, CJK or an emoji (a surrogate pair); lengths across the one-byte varint edge. */
    private static String text(Random r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder s = new StringBuilder(n);
        int mix = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            int pick = mix == 0 ? r.nextInt(10) : 9;
            if (pick == 0) {
                s.append((char) (0xA0 + r.nextInt(0x60)));
            } else if (pick == 1) {
                s.append((char) (0x4E00 + r.nextInt(0x100)));
            } else if (pick == 2) {
                s.appendCodePoint(0x1F600 + r.nextInt(0x40));
            } else {
                s.append((char) (0x20 + r.nextInt(0x5F)));
            }
        }
        return s.toString();
    }
}
