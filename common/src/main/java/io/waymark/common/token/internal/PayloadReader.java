package io.waymark.common.token.internal;

import io.waymark.common.token.TokenException;
import io.waymark.common.token.TokenException.Reason;
import java.util.Arrays;

/**
 * Bounds-checked reader over a payload; every underflow or bad varint is a
 * {@link Reason#MALFORMED} {@link TokenException}, never an index exception.
 */
public final class PayloadReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    public PayloadReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    public int readByte() throws TokenException {
        if (pos >= end) {
            throw malformed("truncated");
        }
        return buf[pos++] & 0xff;
    }

    /** Canonical unsigned LEB128 up to {@code max}: overlong encodings are refused. */
    public int readVarint(int max) throws TokenException {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw malformed("overlong varint");
                }
                if (value > max) {
                    throw malformed("value " + value + " exceeds " + max);
                }
                return (int) value;
            }
        }
        throw malformed("varint too long");
    }

    public byte[] readBytes(int count) throws TokenException {
        if (count < 0 || count > end - pos) {
            throw malformed("truncated");
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + count);
        pos += count;
        return out;
    }

    /** Everything up to the end (the URL field, whose length is implicit). */
    public byte[] readRest() {
        byte[] out = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return out;
    }

    public int position() {
        return pos;
    }

    static TokenException malformed(String why) {
        return new TokenException(Reason.MALFORMED, why);
    }
}
