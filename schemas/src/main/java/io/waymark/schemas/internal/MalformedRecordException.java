package io.waymark.schemas.internal;

/**
 * Bytes that are not a well-formed single-object record; the message says why. Callers turn it
 * into a {@link io.waymark.schemas.kafka.WaymarkSerdeException} that names the topic.
 */
public final class MalformedRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String reason) {
        super(reason);
    }

    public MalformedRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
