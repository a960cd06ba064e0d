package io.waymark.edge.internal;

/**
 * The spool sequences sent to Kafka and not yet acknowledged, for a sender that sends them in
 * increasing order and gets acknowledgements in any order: one bit per sequence from the lowest
 * unacknowledged one to the last sent, in a ring that grows when needed. Adding, acknowledging
 * and asking for the lowest are constant time (amortised), without a boxed {@code Long} or a tree
 * node per event as a {@code TreeSet} would need on the edge's hot path. Not thread-safe.
 */
final class InFlightSequences {

    private long[] acked = new long[64]; // bit i of the ring: sequence (base + offset) acknowledged
    private long base;                   // lowest sequence not known to be acknowledged
    private long next;                   // one past the last sequence added; == base: none in flight

    /** Adds {@code sequence}, which must be above every sequence added since the last {@link #clear}. */
    void add(long sequence) {
        if (base == next) {
            base = sequence;
            next = sequence;
        } else if (sequence < next) {
            throw new IllegalArgumentException("sequence " + sequence + " is not above " + (next - 1));
        }
        // sequences skipped between next and this one count as acknowledged: they were never sent
        while (next < sequence) {
            ensureRoom(next);
            set(next);
            next++;
        }
        ensureRoom(sequence);
        clearBit(sequence);
        next = sequence + 1;
    }

    /** Marks {@code sequence} acknowledged; unknown sequences are ignored. */
    void remove(long sequence) {
        if (sequence < base || sequence >= next) {
            return;
        }
        set(sequence);
        while (base < next && isSet(base)) {
            clearBit(base);
            base++;
        }
    }

    /** True when every added sequence is acknowledged. */
    boolean isEmpty() {
        return base == next;
    }

    /** The lowest sequence not acknowledged; only when not {@link #isEmpty}. */
    long first() {
        if (isEmpty()) {
            throw new IllegalStateException("nothing in flight");
        }
        return base;
    }

    void clear() {
        java.util.Arrays.fill(acked, 0L);
        base = 0;
        next = 0;
    }

    private void ensureRoom(long sequence) {
        long bits = (long) acked.length * 64;
        if (sequence - base < bits) {
            return;
        }
        long[] grown = new long[acked.length * 2];
        for (long s = base; s < next; s++) {
            if (isSet(s)) {
                int i = (int) (s & (grown.length * 64L - 1));
                grown[i >>> 6] |= 1L << i;
            }
        }
        acked = grown;
        ensureRoom(sequence);
    }

    private int index(long sequence) {
        return (int) (sequence & ((long) acked.length * 64 - 1));
    }

    private boolean isSet(long sequence) {
        int i = index(sequence);
        return (acked[i >>> 6] & (1L << i)) != 0;
    }

    private void set(long sequence) {
        int i = index(sequence);
        acked[i >>> 6] |= 1L << i;
    }

    private void clearBit(long sequence) {
        int i = index(sequence);
        acked[i >>> 6] &= ~(1L << i);
    }
}
