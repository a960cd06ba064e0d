package io.waymark.edge.internal;

import io.netty.util.concurrent.FastThreadLocal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for event ids, from one DRBG per thread: {@link UUID#randomUUID()}
 * shares a single {@code SecureRandom} between all event loops.
 */
public final class EventIds {

    /** Ids drawn from the DRBG per refill: one generate call per 64 ids instead of one per id. */
    private static final int BATCH = 64;

    // Netty's thread-local: an indexed slot on the event loops' threads, not a hash probe
    private static final FastThreadLocal<Source> SOURCE = new FastThreadLocal<>() {
        @Override
        protected Source initialValue() {
            return new Source();
        }
    };

    /** One thread's DRBG and the random bytes it has drawn but not used yet. */
    private static final class Source {
        private final SecureRandom random;
        private final byte[] pool = new byte[16 * BATCH];
        private int next = pool.length;

        Source() {
            SecureRandom r;
            try {
                r = SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                r = new SecureRandom();
            }
            random = r;
        }

        void take(byte[] out) {
            if (next == pool.length) {
                random.nextBytes(pool);
                next = 0;
            }
            System.arraycopy(pool, next, out, 0, 16);
            // Used bytes are not left behind in the pool.
            java.util.Arrays.fill(pool, next, next + 16, (byte) 0);
            next += 16;
        }
    }

    private EventIds() {
    }

    /** A new random UUID in its canonical text form. */
    public static String next() {
        byte[] b = new byte[16];
        SOURCE.get().take(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }
}
