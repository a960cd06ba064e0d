package io.waymark.schemas.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.waymark.schemas.evolution.SchemaHistory;
import io.waymark.schemas.evolution.SchemaVersion;
import io.waymark.schemas.internal.JsonRecordWriter;
import io.waymark.schemas.internal.MalformedRecordException;
import io.waymark.schemas.internal.SingleObjectFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.header.Header;

/**
 * A {@code kafka-console-consumer} formatter that prints each record of any Waymark topic as
 * one JSON line:
 * <pre>{@code
 * {"topic":"waymark.domain-status","partition":3,"offset":42,"timestamp":1764365000000,
 *  "key":"example.com","schema":"io.waymark.schemas.DomainStatus","schemaVersion":1,"value":{...}}
 * }</pre>
 * The writer schema is found by fingerprint among all released versions, so any topic prefix
 * works. A tombstone prints {@code "value":null}; dead-letter topics print the original bytes
 * as {@code "valueBase64"} (and decode them too when they are a Waymark record); anything
 * undecodable prints an {@code "error"} object instead of a value, never stopping the consumer.
 * Headers, when present, print as {@code "headers":{name: UTF-8 text, or "base64:..."}}.
 *
 * <p>Property {@code topic.prefix} (default {@code waymark.}) tells dead-letter topics apart.
 */
public final class JsonLineFormatter implements MessageFormatter {

    /** Formatter property naming the topic prefix. */
    public static final String TOPIC_PREFIX_PROPERTY = "topic.prefix";

    private static final JsonFactory JSON = new JsonFactory();
    private static final int ERROR_HEAD_BYTES = 64;

    private final SchemaHistory history = SchemaHistory.shipped();
    private Topics topics = Topics.defaults();

    @Override
    public void configure(Map<String, ?> configs) {
        Object prefix = configs.get(TOPIC_PREFIX_PROPERTY);
        if (prefix != null) {
            topics = Topics.withPrefix(prefix.toString());
        }
    }

    @Override
    public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
        output.println(format(record));
    }

    /** The JSON line of one record, without line end. */
    public String format(ConsumerRecord<byte[], byte[]> record) {
        StringWriter line = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("topic", record.topic());
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            json.writeNumberField("timestamp", record.timestamp());
            json.writeFieldName("key");
            if (record.key() == null) {
                json.writeNull();
            } else {
                json.writeString(new String(record.key(), StandardCharsets.UTF_8));
            }
            writeHeaders(json, record);
            writeValue(json, record.topic(), record.value());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString();
    }

    private void writeValue(JsonGenerator json, String topic, byte[] value) throws IOException {
        if (value == null) {
            json.writeNullField("value");
            return;
        }
        boolean deadLetter = topics.byName(topic).map(t -> !(t.valueSerde() instanceof WaymarkSerde)).orElse(false);
        if (deadLetter) {
            json.writeStringField("valueBase64", Base64.getEncoder().encodeToString(value));
        }
        OptionalLong fingerprint = OptionalLong.empty();
        try {
            fingerprint = OptionalLong.of(SingleObjectFormat.fingerprint(value));
            Optional<SchemaVersion> writer = history.find(fingerprint.getAsLong());
            if (writer.isEmpty()) {
                throw new MalformedRecordException("unknown writer schema: not a released version of any Waymark record");
            }
            SchemaVersion version = writer.get();
            SingleObjectFormat.requireWellFormedBody(version.schema(), value);
            Object datum = new GenericDatumReader<>(version.schema()).read(null, DecoderFactory.get().binaryDecoder(
                    value, SingleObjectFormat.HEADER_LENGTH, value.length - SingleObjectFormat.HEADER_LENGTH, null));
            // render into a buffer first: a failure half-way must not leave half a value in the line
            StringWriter rendered = new StringWriter();
            try (JsonGenerator inner = JSON.createGenerator(rendered)) {
                JsonRecordWriter.write(inner, version.schema(), datum);
            }
            json.writeStringField("schema", version.recordName());
            json.writeNumberField("schemaVersion", version.version());
            json.writeFieldName("value");
            json.writeRawValue(rendered.toString());
        } catch (IOException | RuntimeException e) {
            if (deadLetter) {
                return; // the original bytes are printed; they need not be a Waymark record
            }
            String reason = e instanceof MalformedRecordException ? e.getMessage() : e.toString();
            WaymarkSerdeException error = new WaymarkSerdeException(topic, fingerprint, reason, e);
            json.writeObjectFieldStart("error");
            json.writeStringField("message", error.getMessage());
            json.writeFieldName("fingerprint");
            if (fingerprint.isPresent()) {
                json.writeString(SingleObjectFormat.hex(fingerprint.getAsLong()));
            } else {
                json.writeNull();
            }
            json.writeNumberField("length", value.length);
            json.writeStringField("headBase64", Base64.getEncoder().encodeToString(
                    Arrays.copyOf(value, Math.min(value.length, ERROR_HEAD_BYTES))));
            json.writeEndObject();
        }
    }

    private static void writeHeaders(JsonGenerator json, ConsumerRecord<byte[], byte[]> record) throws IOException {
        Header[] headers = record.headers().toArray();
        if (headers.length == 0) {
            return;
        }
        json.writeObjectFieldStart("headers");
        for (Header header : headers) {
            json.writeFieldName(header.key());
            if (header.value() == null) {
                json.writeNull();
            } else {
                json.writeString(text(header.value()));
            }
        }
        json.writeEndObject();
    }

    private static String text(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }
}
