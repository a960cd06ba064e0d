package io.waymark.common.token.internal;

import java.util.Arrays;

/** Append-only byte buffer for a token payload, with unsigned LEB128 varints. */
public final class PayloadWriter {

    private byte[] buf;
    private int length;

    public PayloadWriter(int capacity) {
        buf = new byte[capacity];
    }

    public void writeByte(int b) {
        ensure(1);
        buf[length++] = (byte) b;
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first; 1 byte for 0..127. */
    public void writeVarint(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint");
        }
        while (value >= 0x80) {
            writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        writeByte(value);
    }

    public void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    public void writeBytes(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buf, length, count);
        length += count;
    }

    /** Varint length, then the bytes. */
    public void writeLengthPrefixed(byte[] bytes) {
        writeVarint(bytes.length);
        writeBytes(bytes);
    }

    /** The backing array; valid up to {@link #length()}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return length;
    }

    private void ensure(int extra) {
        if (length + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + extra));
        }
    }
}
