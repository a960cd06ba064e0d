package io.waymark.schemas.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes a generic Avro datum as plain JSON for people and {@code jq}: records are objects,
 * unions are their value (no Avro type wrapper), enums their symbol, {@code bytes}/{@code fixed}
 * standard base64, {@code timestamp-millis}/{@code timestamp-micros} ISO-8601 UTC strings.
 */
public final class JsonRecordWriter {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private JsonRecordWriter() {
    }

    /** Writes {@code datum} of {@code schema} as the next JSON value of {@code json}. */
    public static void write(JsonGenerator json, Schema schema, Object datum) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) datum;
                json.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    json.writeFieldName(field.name());
                    write(json, field.schema(), record.get(field.pos()));
                }
                json.writeEndObject();
            }
            case UNION -> write(json, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (Collection<?>) datum) {
                    write(json, schema.getElementType(), item);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    json.writeFieldName(String.valueOf(e.getKey()));
                    write(json, schema.getValueType(), e.getValue());
                }
                json.writeEndObject();
            }
            case ENUM, STRING -> json.writeString(datum.toString());
            case BYTES -> json.writeString(base64((ByteBuffer) datum));
            case FIXED -> json.writeString(BASE64.encodeToString(((GenericFixed) datum).bytes()));
            case INT -> json.writeNumber((Integer) datum);
            case LONG -> writeLong(json, schema.getLogicalType(), (Long) datum);
            case FLOAT -> json.writeNumber((Float) datum);
            case DOUBLE -> json.writeNumber((Double) datum);
            case BOOLEAN -> json.writeBoolean((Boolean) datum);
            case NULL -> json.writeNull();
            default -> throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
        }
    }

    /** Standard base64 of the buffer's remaining bytes, leaving its position untouched. */
    public static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return BASE64.encodeToString(bytes);
    }

    private static void writeLong(JsonGenerator json, LogicalType logical, long value) throws IOException {
        if (logical instanceof LogicalTypes.TimestampMillis) {
            json.writeString(Instant.ofEpochMilli(value).toString());
        } else if (logical instanceof LogicalTypes.TimestampMicros) {
            json.writeString(Instant.EPOCH.plusNanos(Math.multiplyExact(value, 1000L)).toString());
        } else {
            json.writeNumber(value);
        }
    }
}
