package io.waymark.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

class JsonLineFormatterProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonLineFormatter formatter = new JsonLineFormatter();

    @Property(tries = 2000)
    void anyBytesOnAnyTopicPrintOneJsonObjectWithValueOrError(@ForAll("topics") String topic,
                                                              @ForAll @Size(max = 200) byte[] key,
                                                              @ForAll @Size(max = 300) byte[] value) throws Exception {
        // Given a record of arbitrary bytes
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 0, 7, 0L, TimestampType.CREATE_TIME,
                key.length, value.length, key, value, new RecordHeaders(), Optional.empty());

        // When
        String line = formatter.format(record);

        // Then
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        JsonNode json = MAPPER.readTree(line);
        assertThat(json.get("topic").asText()).isEqualTo(topic);
        assertThat(json.has("value") || json.has("error") || json.has("valueBase64")).isTrue();
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.of(Topics.defaults().all()).map(Topic::name);
    }
}
