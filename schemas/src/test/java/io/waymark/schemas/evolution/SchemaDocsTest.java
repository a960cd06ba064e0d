package io.waymark.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaDocsTest {

    @Test
    void everyRecordEnumAndFieldIsDocumented() {
        // Given
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new HashSet<>();

        // When
        CurrentSchemas.all().forEach(s -> collect(s, s.getFullName(), undocumented, seen));

        // Then
        assertThat(undocumented).isEmpty();
        assertThat(seen).contains("io.waymark.schemas.SealedKey", "io.waymark.schemas.DomainState");
    }

    @Test
    void everyEnumHasUnknownAsItsDefault() {
        // Given / When
        List<Schema> enums = new ArrayList<>();
        CurrentSchemas.all().forEach(s -> s.getFields().forEach(f -> {
            if (f.schema().getType() == Schema.Type.ENUM) {
                enums.add(f.schema());
            }
        }));

        // Then older readers can take new symbols
        assertThat(enums).hasSize(4).allSatisfy(e -> assertThat(e.getEnumDefault()).isEqualTo("UNKNOWN"));
    }

    private static void collect(Schema schema, String path, List<String> undocumented, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                for (Schema.Field f : schema.getFields()) {
                    requireDoc(f.doc(), path + "." + f.name(), undocumented);
                    collect(f.schema(), path + "." + f.name(), undocumented, seen);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collect(t, path, undocumented, seen));
            case ARRAY -> collect(schema.getElementType(), path, undocumented, seen);
            case MAP -> collect(schema.getValueType(), path, undocumented, seen);
            default -> {
                // primitives carry no doc
            }
        }
    }

    private static void requireDoc(String doc, String where, List<String> undocumented) {
        if (doc == null || doc.isBlank()) {
            undocumented.add(where);
        }
    }
}
