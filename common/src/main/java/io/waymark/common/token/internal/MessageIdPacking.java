package io.waymark.common.token.internal;

import io.waymark.common.token.TokenException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Message id field. Most platforms use a UUID or a hex string as the message id; both are half
 * the size as bytes. Forms (flags bits 1-2): 0 = UTF-8 with varint length, 1 = canonical
 * lower-case UUID as 16 bytes, 2 = lower-case hex of even length as varint length + bytes.
 * The encoder picks form 1 or 2 only when decoding gives back the identical string.
 */
public final class MessageIdPacking {

    public static final int UTF8 = 0;
    public static final int UUID = 1;
    public static final int HEX = 2;

    private static final int UUID_CHARS = 36;
    private static final HexFormat HEX_FORMAT = HexFormat.of();

    private MessageIdPacking() {
    }

    /** The form {@code id} is written in. */
    public static int formOf(String id) {
        if (id.length() == UUID_CHARS && isCanonicalUuid(id)) {
            return UUID;
        }
        if (id.length() >= 2 && id.length() % 2 == 0 && isLowerHex(id, 0, id.length())) {
            return HEX;
        }
        return UTF8;
    }

    public static void write(PayloadWriter out, String id, int form) {
        switch (form) {
            case UUID:
                out.writeBytes(HEX_FORMAT.parseHex(id.replace("-", "")));
                break;
            case HEX:
                out.writeLengthPrefixed(HEX_FORMAT.parseHex(id));
                break;
            default:
                out.writeLengthPrefixed(id.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String read(PayloadReader in, int form, int maxBytes) throws TokenException {
        switch (form) {
            case UUID: {
                String hex = HEX_FORMAT.formatHex(in.readBytes(16));
                return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16)
                        + '-' + hex.substring(16, 20) + '-' + hex.substring(20);
            }
            case HEX: {
                int count = in.readVarint(maxBytes / 2);
                if (count == 0) {
                    throw PayloadReader.malformed("empty message id");
                }
                return HEX_FORMAT.formatHex(in.readBytes(count));
            }
            case UTF8: {
                int count = in.readVarint(maxBytes);
                return StrictUtf8.decode(in.readBytes(count));
            }
            default:
                throw PayloadReader.malformed("unknown message id form " + form);
        }
    }

    private static boolean isCanonicalUuid(String id) {
        for (int i = 0; i < UUID_CHARS; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isLowerHexChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isLowerHexChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHexChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
