package io.waymark.rewriter.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What an attribute value contains, eight bytes at a time: whether any byte is outside printable
 * ASCII (0x21-0x7e), whether any is {@code &}, and whether any is one of the characters every
 * {@link LinkPolicy} placeholder mark contains ({@code { | } [ ] %}, with {@code \} as a harmless
 * extra). Each test is exact for "any byte": a word's borrows and carries only cross into the
 * next byte from a byte that already answers yes. The scalar loop it replaces cost a load, a
 * bounds check and three tests a character, a sixth of a link's rewrite.
 */
final class ValueScan {

    static final int OUTSIDE = 1;
    static final int AMPERSAND = 2;
    static final int MARK = 4;
    /** What the bytes after the value, up to the next multiple of eight, are set to: none of the above. */
    static final byte PADDING = 'a';

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ValueScan() {
    }

    /** Room for a value of {@code length} bytes and its padding. */
    static int capacity(int length) {
        return (length + 7) & ~7;
    }

    /**
     * The flags of {@code bytes[0, length)}; {@code bytes} has at least {@link #capacity} bytes,
     * the ones from {@code length} on are set here to {@link #PADDING}.
     */
    static int scan(byte[] bytes, int length) {
        int words = capacity(length);
        for (int i = length; i < words; i++) {
            bytes[i] = PADDING;
        }
        long outside = 0;
        long ampersand = 0;
        long marks = 0;
        for (int i = 0; i < words; i += 8) {
            long x = (long) WORDS.get(bytes, i);
            long notX = ~x;
            // a byte below 0x21: subtracting 0x21 borrows into its high bit; 0x7f or above: adding 1
            // carries into it, or it is set already
            outside |= ((x - 0x21 * ONES) & notX) | (x + ONES) | x;
            long amp = x ^ ('&' * ONES);
            ampersand |= (amp - ONES) & ~amp;
            // the low seven bits of each byte plus up to 0x25 never carry into the next byte
            long low = x & ~HIGHS;
            long braces = (low + (0x80 - '{') * ONES) & ~(low + (0x80 - '}' - 1) * ONES); // { | }
            long brackets = (low + (0x80 - '[') * ONES) & ~(low + (0x80 - ']' - 1) * ONES); // [ \ ]
            long percent = x ^ ('%' * ONES);
            marks |= ((braces | brackets) & notX) | ((percent - ONES) & ~percent);
        }
        return ((outside & HIGHS) != 0 ? OUTSIDE : 0)
                | ((ampersand & HIGHS) != 0 ? AMPERSAND : 0)
                | ((marks & HIGHS) != 0 ? MARK : 0);
    }
}
