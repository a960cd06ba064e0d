package io.waymark.edge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class InFlightSequencesTest {

    @Test
    void behavesAsASortedSetOfUnacknowledgedSequencesUnderRandomAcknowledgementOrder() {
        Random random = new Random(42);
        InFlightSequences ours = new InFlightSequences();
        TreeSet<Long> model = new TreeSet<>();
        long sequence = 1_000_000_000_000L;
        List<Long> sent = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            int action = random.nextInt(10);
            if (action < 5) {
                // send the next one, sometimes after a gap (records read back and skipped)
                sequence += random.nextInt(20) == 0 ? 1 + random.nextInt(50) : 1;
                ours.add(sequence);
                model.add(sequence);
                sent.add(sequence);
            } else if (action < 9 && !sent.isEmpty()) {
                // acknowledge any sent one, in any order; sometimes one twice
                Long acked = sent.remove(random.nextInt(sent.size()));
                ours.remove(acked);
                model.remove(acked);
                if (random.nextInt(10) == 0) {
                    ours.remove(acked);
                }
            } else if (random.nextInt(2000) == 0) {
                ours.clear();
                model.clear();
                sent.clear();
            }
            assertThat(ours.isEmpty()).isEqualTo(model.isEmpty());
            if (!model.isEmpty()) {
                assertThat(ours.first()).isEqualTo(model.first());
            }
        }
    }

    @Test
    void manyInFlightAtOnceGrowTheRing() {
        InFlightSequences ours = new InFlightSequences();
        List<Long> all = new ArrayList<>();
        for (long s = 5; s < 100_005; s++) {
            ours.add(s);
            all.add(s);
        }
        Collections.shuffle(all, new Random(7));
        TreeSet<Long> model = new TreeSet<>(all);
        for (Long s : all) {
            ours.remove(s);
            model.remove(s);
            if (!model.isEmpty()) {
                assertThat(ours.first()).isEqualTo(model.first());
            }
        }
        assertThat(ours.isEmpty()).isTrue();
    }

    @Test
    void aSequenceBelowOnesStillInFlightIsRefusedAndNothingIsFirstWhenEmpty() {
        InFlightSequences ours = new InFlightSequences();
        assertThatThrownBy(ours::first).isInstanceOf(IllegalStateException.class);
        ours.add(10);
        ours.add(11);
        assertThatThrownBy(() -> ours.add(9)).isInstanceOf(IllegalArgumentException.class);
        ours.remove(10);
        ours.remove(11);
        ours.add(3); // all settled: a rewound sender may start lower again
        assertThat(ours.first()).isEqualTo(3);
    }
}
