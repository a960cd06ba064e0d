package io.waymark.common.token;

import java.util.Objects;

/**
 * A tracking token was refused. Checked, because the edge must decide (answer 404, count the
 * reason) and must never fall through to a redirect. The message never contains key material or
 * the token's payload.
 */
public final class TokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused; good as a metric tag. */
    public enum Reason {
        /** Longer than {@link TrackingTokenCodec#MAX_TOKEN_LENGTH}; refused before decoding. */
        TOO_LONG,
        /** Not canonical base64url, truncated, or fields that do not parse. */
        MALFORMED,
        /** A version this code does not know. */
        UNSUPPORTED_VERSION,
        /** Signed with a key id this process is not configured with (retired or foreign). */
        UNKNOWN_KEY_ID,
        /** The tag does not match: modified, forged, or presented on another tracking host. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }
}
