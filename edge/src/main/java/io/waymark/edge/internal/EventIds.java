package io.waymark.edge.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for event ids, from one DRBG per thread: {@link UUID#randomUUID()}
 * shares a single {@code SecureRandom} between all event loops.
 */
public final class EventIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private EventIds() {
    }

    /** A new random UUID in its canonical text form. */
    public static String next() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
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
