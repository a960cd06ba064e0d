package io.waymark.common.crypto;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one key in a {@link KeyRing}, written into every sealed key and tracking token so
 * the reader knows which key to use. Short on purpose (1–16 of {@code A-Z a-z 0-9 _ -}) because
 * it travels in every tracking link; names like {@code k7} or {@code 2026a} are typical.
 */
public record KeyId(String value) {

    /** Longest accepted key id, in characters (and bytes: ids are ASCII). */
    public static final int MAX_LENGTH = 16;

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    public KeyId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
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
        return value != null && SYNTAX.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
