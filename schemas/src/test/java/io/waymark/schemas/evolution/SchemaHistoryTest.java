package io.waymark.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.schemas.DomainStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {

    private static final Path HISTORY_DIR = Path.of("src/main/avro/history");

    @Test
    void shipsAVersionOfEveryCurrentRecord() {
        // Given
        SchemaHistory history = SchemaHistory.shipped();

        // When
        List<String> names = CurrentSchemas.all().stream().map(Schema::getFullName).toList();

        // Then
        assertThat(history.recordNames()).containsExactlyInAnyOrderElementsOf(names);
        names.forEach(n -> assertThat(history.versions(n)).first()
                .satisfies(v -> assertThat(v.version()).isEqualTo(1)));
    }

    @Test
    void indexListsEveryHistoryFileAndNothingElse() throws IOException {
        // Given
        List<String> files;
        try (Stream<Path> walk = Files.walk(HISTORY_DIR)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> HISTORY_DIR.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }

        // When
        List<String> indexed = Files.readAllLines(HISTORY_DIR.resolve("index.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        // Then
        assertThat(indexed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void findsAVersionByItsFingerprint() {
        // Given
        SchemaVersion v1 = SchemaHistory.shipped().versions("io.waymark.schemas.DomainStatus").get(0);

        // When / Then
        assertThat(SchemaHistory.shipped().find(v1.fingerprint())).contains(v1);
        assertThat(SchemaHistory.shipped().find(v1.fingerprint() ^ 1)).isEmpty();
    }

    @Test
    void refusesAHistoryThatDefinesAnotherRecordThanItsPathSays() {
        // Given a class loader whose index points DomainEvent/v1.avsc at a DomainStatus schema
        ClassLoader loader = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                if (name.equals(SchemaHistory.INDEX)) {
                    return stream("DomainEvent/v1.avsc\n");
                }
                if (name.equals(SchemaHistory.RESOURCE_ROOT + "DomainEvent/v1.avsc")) {
                    return stream(DomainStatus.getClassSchema().toString());
                }
                return null;
            }
        };

        // When / Then
        assertThatThrownBy(() -> SchemaHistory.load(loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DomainEvent/v1.avsc defines io.waymark.schemas.DomainStatus");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
