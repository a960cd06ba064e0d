package io.waymark.eventsink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    @Test
    void splitsScriptsIntoStatementsWithoutComments() {
        List<String> statements = SchemaMigrator.statements("""
                -- a comment
                CREATE TABLE IF NOT EXISTS ks.a (
                    id text PRIMARY KEY
                );

                CREATE TABLE IF NOT EXISTS ks.b (id text PRIMARY KEY) WITH comment = 'x';
                """);
        assertThat(statements).containsExactly(
                "CREATE TABLE IF NOT EXISTS ks.a (\n    id text PRIMARY KEY\n)",
                "CREATE TABLE IF NOT EXISTS ks.b (id text PRIMARY KEY) WITH comment = 'x'");
        assertThatThrownBy(() -> SchemaMigrator.statements("CREATE TABLE x (a int PRIMARY KEY)"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyShippedMigrationIsListedIdempotentAndNamesTheKeyspace() throws IOException {
        // Given the migration files in the resources
        Path dir = Path.of("src/main/resources/io/waymark/eventsink/cql");
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cql")).sorted().toList();
        }

        // When they are loaded through the index
        List<SchemaMigrator.Migration> migrations = SchemaMigrator.load("ks");

        // Then each file is listed, versions increase, and every statement is IF NOT EXISTS on ks
        assertThat(migrations).extracting(SchemaMigrator.Migration::script).containsExactlyInAnyOrderElementsOf(files);
        assertThat(migrations).allSatisfy(m -> assertThat(m.statements()).allSatisfy(s -> {
            assertThat(s).containsPattern("(?s)^CREATE TABLE IF NOT EXISTS ks\\.");
            assertThat(s).doesNotContain("${");
        }));
        assertThat(migrations.get(0).checksum()).hasSize(64);
    }
}
