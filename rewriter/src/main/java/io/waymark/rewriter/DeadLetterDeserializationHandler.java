package io.waymark.rewriter;

import io.waymark.schemas.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undecodable records (not Avro, an unknown schema fingerprint, truncated) are written as they
 * are to {@code dlq.rewriter} with {@link DeadLetterHeaders}, and processing resumes. Kafka
 * Streams produces the dead letter in the same transaction as the task's output and offsets
 * (KIP-1034), so under exactly-once a record is dead-lettered exactly once.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Streams property naming the dead-letter topic. */
    public static final String DLQ_TOPIC = "waymark.rewriter.dlq.topic";
    /** Streams property holding the {@link RewriterMetrics} (an object, not a string). */
    public static final String METRICS = "waymark.rewriter.metrics";

    private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String topic;
    private RewriterMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(DLQ_TOPIC);
        if (name == null) {
            throw new IllegalStateException(DLQ_TOPIC + " is not set");
        }
        this.topic = name.toString();
        Object m = configs.get(METRICS);
        this.metrics = m instanceof RewriterMetrics rm ? rm : RewriterMetrics.inMemory();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(DeadLetterHeaders.SERVICE, utf8(RewriterTopology.SERVICE));
        headers.add(DeadLetterHeaders.ERROR_CLASS, utf8(exception.getClass().getName()));
        headers.add(DeadLetterHeaders.ERROR_MESSAGE, utf8(String.valueOf(exception.getMessage())));
        headers.add(DeadLetterHeaders.FAILED_AT, utf8(Long.toString(System.currentTimeMillis())));
        metrics.deadLetter("DESERIALIZATION");
        LOGGER.atWarn().addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
                .addKeyValue("offset", record.offset()).log("undecodable record dead-lettered: {}", exception.getMessage());
        return Response.resume(List.of(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
