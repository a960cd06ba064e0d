package io.waymark.common.crypto;

import java.util.Objects;

/**
 * The name of one key in a {@link KeyRing}, written into every sealed key and tracking token so
 * the reader knows which key to use. Short on purpose (1–16 of {@code A-Z a-z 0-9 _ -}) because
 * it travels in every tracking link; names like {@code k7} or {@code 2026a} are typical.
 */
public record KeyId(String value) {

    /** Longest accepted key id, in characters (and bytes: ids are ASCII). */
    public static final int MAX_LENGTH = 16;

    public KeyId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "key id must be 1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 _ -");
        }
    }

    /** Same as the constructor; reads better at call sites. */
    public static KeyId of(String value) {
        return new KeyId(value);
    }

    /** True when {@code value} is a syntactically valid key id. */
    public static boolean isValid(String value) {
        // A loop, not a regular expression: every tracking link's key id is checked on the
        // edge's request path.
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
