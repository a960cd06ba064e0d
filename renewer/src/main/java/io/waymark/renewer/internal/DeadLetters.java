package io.waymark.renewer.internal;

import io.waymark.schemas.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The {@link DeadLetterHeaders} of a record the renewer could not use. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Headers naming where the record came from and why it was refused.
     *
     * @param partition -1 and {@code offset} -1 when unknown
     */
    public static Headers headers(String topic, int partition, long offset, String errorClass, String message,
                                  long failedAt) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, topic);
        if (partition >= 0) {
            add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(partition));
            add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(offset));
        }
        add(headers, DeadLetterHeaders.SERVICE, "renewer");
        add(headers, DeadLetterHeaders.ERROR_CLASS, errorClass);
        add(headers, DeadLetterHeaders.ERROR_MESSAGE, String.valueOf(message));
        add(headers, DeadLetterHeaders.FAILED_AT, Long.toString(failedAt));
        return headers;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
