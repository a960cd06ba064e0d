package io.waymark.renewer;

import io.waymark.renewer.internal.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code certificates} record whose bytes do not decode (not Avro, an unknown writer schema)
 * goes as it is to {@code dlq.renewer} with the dead-letter headers, and the stream goes on
 * (KIP-1034). One bad record never stops the renewal of every other host. An undecodable
 * {@code domain-status} record (global store thread) is skipped and logged.
 */
public final class UndecodableRecordHandler implements DeserializationExceptionHandler {

    /** Streams property: the dead-letter topic. */
    public static final String DLQ_TOPIC = "waymark.renewer.dlq.topic";
    /** Streams property: the {@link RenewerMetrics} to count into (an object). */
    public static final String METRICS = "waymark.renewer.metrics";

    private static final Logger LOGGER = LoggerFactory.getLogger(UndecodableRecordHandler.class);

    private String dlqTopic;
    private RenewerMetrics metrics = RenewerMetrics.inMemory();

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DLQ_TOPIC);
        if (topic == null) {
            throw new IllegalStateException("Streams property " + DLQ_TOPIC + " is missing");
        }
        dlqTopic = topic.toString();
        if (configs.get(METRICS) instanceof RenewerMetrics given) {
            metrics = given;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (context.taskId() == null || context.taskId().subtopology() < 0) {
            // the global domain-status store: skipped, not ours to dead-letter (other services read it too)
            metrics.record("status_skipped");
            LOGGER.atWarn().addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
                    .addKeyValue("offset", record.offset()).addKeyValue("error", exception.getMessage())
                    .log("undecodable domain-status record skipped");
            return Response.resume();
        }
        metrics.deadLetter();
        LOGGER.atWarn().addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
                .addKeyValue("offset", record.offset()).addKeyValue("error", exception.getMessage())
                .log("undecodable record sent to the dead-letter topic");
        return Response.resume(List.of(new ProducerRecord<>(dlqTopic, null, record.key(), record.value(),
                DeadLetters.headers(record.topic(), record.partition(), record.offset(),
                        exception.getClass().getName(), exception.getMessage(), System.currentTimeMillis()))));
    }
}
