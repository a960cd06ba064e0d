package io.waymark.edge.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One spooled event as stored in a {@link SpoolLog} payload: the Kafka key (message id), the bot
 * reason header (absent for a human) and the serialized {@code TrackingEvent} value.
 */
public record SpoolRecord(String key, String botReason, byte[] value) {

    /** The payload bytes: {@code u16 keyLen | key | i16 reasonLen (-1: none) | reason | value}. */
    public byte[] encode() {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] r = botReason == null ? new byte[0] : botReason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(2 + k.length + 2 + r.length + value.length);
        buffer.putShort((short) k.length).put(k).putShort((short) (botReason == null ? -1 : r.length)).put(r).put(value);
        return buffer.array();
    }

    /** Reads a payload written by {@link #encode()}. */
    public static SpoolRecord decode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        byte[] k = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(k);
        short reasonLength = buffer.getShort();
        String reason = null;
        if (reasonLength >= 0) {
            byte[] r = new byte[reasonLength];
            buffer.get(r);
            reason = new String(r, StandardCharsets.UTF_8);
        }
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new SpoolRecord(new String(k, StandardCharsets.UTF_8), reason, value);
    }
}
