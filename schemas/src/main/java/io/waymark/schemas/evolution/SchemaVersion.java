package io.waymark.schemas.evolution;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.internal.SingleObjectFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * One released version of a record's schema, as shipped in {@code history/<Record>/v<N>.avsc}.
 *
 * @param recordName  full name of the record, e.g. {@code io.waymark.schemas.DomainEvent}
 * @param version     1 for the first release, then 2, 3...
 * @param fingerprint CRC-64-AVRO of the parsing canonical form, as written in the single-object header
 * @param schema      the schema itself
 */
public record SchemaVersion(String recordName, int version, long fingerprint, Schema schema) {

    public SchemaVersion {
        requireNonNull(recordName, "recordName");
        requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
    }

    /** A version of {@code schema}, its fingerprint computed. */
    public static SchemaVersion of(int version, Schema schema) {
        return new SchemaVersion(schema.getFullName(), version,
                SchemaNormalization.parsingFingerprint64(schema), schema);
    }

    /** The fingerprint as 16 hex digits. */
    public String fingerprintHex() {
        return SingleObjectFormat.hex(fingerprint);
    }

    @Override
    public String toString() {
        return recordName + " v" + version + " (" + fingerprintHex() + ")";
    }
}
