package io.waymark.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.TrackingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityCheckTest {

    private static final SchemaHistory HISTORY = SchemaHistory.shipped();

    @Test
    void currentSchemasAreCompatibleWithEveryReleasedVersion() {
        // Given the schemas of this build and the history shipped in the jar

        // When
        CompatibilityResult result = SchemaCompatibilityCheck.checkShipped();

        // Then
        assertThat(result.problems()).isEmpty();
        result.orThrow();
    }

    @Test
    void changedFieldTypeFailsNamingRecordAndField() {
        // Given sendingDomain turned from string into long
        Schema edited = editField(DomainEvent.getClassSchema(), "sendingDomain",
                f -> new Schema.Field(f, Schema.create(Schema.Type.LONG)));

        // When
        CompatibilityResult result = check(edited);

        // Then
        assertThat(result.isCompatible()).isFalse();
        assertThatThrownBy(result::orThrow)
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("io.waymark.schemas.DomainEvent vs v1, backward")
                .hasMessageContaining("field 'sendingDomain'")
                .hasMessageContaining("TYPE_MISMATCH");
    }

    @Test
    void removedFieldWithoutDefaultFailsForwardNamingRecordAndField() {
        // Given trackingHost of TrackingEvent removed: v1 readers have no default for it
        Schema edited = removeField(TrackingEvent.getClassSchema(), "trackingHost");

        // When
        CompatibilityResult result = check(edited);

        // Then
        assertThat(result.problems()).singleElement().asString()
                .contains("io.waymark.schemas.TrackingEvent vs v1, forward (v1 reads current)")
                .contains("field 'trackingHost'")
                .contains("READER_FIELD_MISSING_DEFAULT");
    }

    @Test
    void addedFieldWithoutDefaultFailsBackward() {
        // Given a new required field
        Schema base = DomainStatus.getClassSchema();
        List<Schema.Field> fields = copyFields(base);
        fields.add(new Schema.Field("region", Schema.create(Schema.Type.STRING), "where", (Object) null));
        Schema edited = record(base, fields);

        // When
        CompatibilityResult result = check(edited);

        // Then
        assertThat(result.problems()).singleElement().asString()
                .contains("io.waymark.schemas.DomainStatus vs v1, backward (current reads v1)")
                .contains("field 'region'");
    }

    @Test
    void addedOptionalFieldWithNullDefaultIsCompatible() {
        // Given the usual way to evolve: a null-first union with default null
        Schema base = DomainStatus.getClassSchema();
        List<Schema.Field> fields = copyFields(base);
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        fields.add(new Schema.Field("region", optional, "where", JsonProperties.NULL_VALUE));
        Schema edited = record(base, fields);

        // When
        CompatibilityResult result = check(edited);

        // Then
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void changedTypeInsideNestedRecordNamesThePath() throws IOException {
        // Given a fixture where SealedKey.nonce became an int (bytes and string would still resolve)
        Schema edited;
        try (InputStream in = getClass().getResourceAsStream("/incompatible/CertificateRecord-nonce-int.avsc")) {
            edited = new Schema.Parser().parse(in);
        }

        // When
        CompatibilityResult result = check(edited);

        // Then
        assertThat(result.problems()).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("io.waymark.schemas.CertificateRecord")
                        .contains("field 'sealedKey.nonce'"));
    }

    @Test
    void changedSchemaThatIsNotInHistoryIsReported() {
        // Given a compatible edit that was not copied into history
        Schema base = DomainStatus.getClassSchema();
        List<Schema.Field> fields = copyFields(base);
        fields.add(new Schema.Field("region", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "where", JsonProperties.NULL_VALUE));

        // When
        CompatibilityResult result = SchemaCompatibilityCheck.checkAll(List.of(record(base, fields)), HISTORY);

        // Then
        assertThat(result.problems()).singleElement().asString()
                .contains("io.waymark.schemas.DomainStatus: current schema")
                .contains("history/DomainStatus/v2.avsc");
    }

    private static CompatibilityResult check(Schema edited) {
        return SchemaCompatibilityCheck.check(edited, HISTORY.versions(edited.getFullName()));
    }

    private static Schema editField(Schema base, String name, UnaryOperator<Schema.Field> edit) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(f.name().equals(name) ? edit.apply(f) : new Schema.Field(f, f.schema()));
        }
        return record(base, fields);
    }

    private static Schema removeField(Schema base, String name) {
        List<Schema.Field> fields = copyFields(base);
        fields.removeIf(f -> f.name().equals(name));
        return record(base, fields);
    }

    private static List<Schema.Field> copyFields(Schema base) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        return fields;
    }

    private static Schema record(Schema base, List<Schema.Field> fields) {
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }
}
