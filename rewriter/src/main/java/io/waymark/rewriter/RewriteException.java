package io.waymark.rewriter;

import java.util.Objects;

/**
 * A message could not be rewritten; it must go out unchanged and a dead letter must say why.
 * The message names the problem and where (part path, charset), never body content.
 */
public final class RewriteException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why; good as a metric tag. */
    public enum Reason {
        /** MIME structure that cannot be walked: missing boundary, nesting too deep. */
        MALFORMED_MIME,
        /** A declared charset this JVM does not know, or bytes that are not valid in it. */
        CHARSET,
        /** A transfer encoding that does not decode, or a result that violates line limits. */
        ENCODING,
        /** Anything else (a bug): still, the message goes out unchanged. */
        INTERNAL
    }

    private final Reason reason;

    public RewriteException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RewriteException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the message could not be rewritten. */
    public Reason reason() {
        return reason;
    }
}
