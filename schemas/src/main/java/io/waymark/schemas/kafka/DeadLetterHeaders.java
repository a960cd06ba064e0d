package io.waymark.schemas.kafka;

/**
 * Header names of a record on a {@code dlq.<service>} topic. The value and key are the original
 * bytes; these headers say where it came from and why it could not be processed. Values are
 * UTF-8 strings (numbers in decimal).
 */
public final class DeadLetterHeaders {

    /** Topic the record was read from. */
    public static final String ORIGINAL_TOPIC = "waymark-original-topic";
    /** Partition the record was read from. */
    public static final String ORIGINAL_PARTITION = "waymark-original-partition";
    /** Offset the record was read at. */
    public static final String ORIGINAL_OFFSET = "waymark-original-offset";
    /** Service that gave up on it. */
    public static final String SERVICE = "waymark-dlq-service";
    /** Exception class name, e.g. {@code io.waymark.schemas.kafka.WaymarkSerdeException}. */
    public static final String ERROR_CLASS = "waymark-error-class";
    /** Human-readable reason, never holding key material, tokens or message bodies. */
    public static final String ERROR_MESSAGE = "waymark-error-message";
    /** When it was dead-lettered, epoch milliseconds. */
    public static final String FAILED_AT = "waymark-failed-at";

    private DeadLetterHeaders() {
    }
}
