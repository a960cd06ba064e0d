package io.waymark.common.seal;

import java.util.Objects;

/**
 * A sealed key could not be parsed or opened. Checked, because the caller must decide what a
 * certificate it cannot open means (count it, mark the host degraded, keep serving the old one).
 * The message names the reason and the key id at most; it never contains key material or
 * plaintext.
 */
public final class SealException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a sealed key was refused. */
    public enum Reason {
        /** Truncated, oversized or structurally invalid blob or parts. */
        MALFORMED,
        /** A version byte this code does not know (written by a newer release?). */
        UNSUPPORTED_VERSION,
        /** Sealed under a key id this process is not configured with. */
        UNKNOWN_KEY_ID,
        /**
         * Authentication failed: another host's key, a modified byte, or a different key under
         * the same id. GCM cannot tell these apart, and neither should an attacker.
         */
        WRONG_KEY_OR_TAMPERED
    }

    private final Reason reason;

    public SealException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why opening failed. */
    public Reason reason() {
        return reason;
    }
}
