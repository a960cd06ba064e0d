package io.waymark.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.schemas.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    @Test
    void anUndecodableRecordBecomesADeadLetterAndProcessingResumes() {
        // Given
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(DeadLetterDeserializationHandler.DLQ_TOPIC, "w.dlq.rewriter"));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("w.outbound", 3, 42L,
                "m1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});

        // When
        DeserializationExceptionHandler.Response response = handler.handleError(null, record,
                new RuntimeException("not Avro"));

        // Then
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("w.dlq.rewriter");
        assertThat(dead.key()).isEqualTo(record.key());
        assertThat(dead.value()).isEqualTo(record.value());
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("w.outbound");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("3");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("42");
        assertThat(header(dead, DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("not Avro");
        assertThat(header(dead, DeadLetterHeaders.SERVICE)).isEqualTo("rewriter");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
