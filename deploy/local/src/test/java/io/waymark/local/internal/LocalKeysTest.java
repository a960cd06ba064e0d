package io.waymark.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {

    @TempDir
    Path home;

    @Test
    void keysAreGeneratedOnceIntoAFileOnlyTheOwnerCanRead() throws Exception {
        // Given
        Path file = home.resolve("keys.properties");

        // When
        LocalKeys first = LocalKeys.loadOrCreate(file);
        LocalKeys again = LocalKeys.loadOrCreate(file);

        // Then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again).isEqualTo(first);
        assertThat(keyBytes(first.sealKeys())).hasSize(32);
        assertThat(keyBytes(first.tokenKeys())).hasSize(32);
        assertThat(first.sealKeys()).isNotEqualTo(first.tokenKeys());
    }

    @Test
    void separateHomesGetDifferentKeys() {
        LocalKeys one = LocalKeys.loadOrCreate(home.resolve("one/keys.properties"));
        LocalKeys two = LocalKeys.loadOrCreate(home.resolve("two/keys.properties"));

        assertThat(one.sealKeys()).isNotEqualTo(two.sealKeys());
        assertThat(one.tokenKeys()).isNotEqualTo(two.tokenKeys());
    }

    @Test
    void theKeysNeverShowInTheirTextForm() {
        LocalKeys keys = LocalKeys.loadOrCreate(home.resolve("keys.properties"));

        assertThat(keys.toString()).doesNotContain(keys.sealKeys()).doesNotContain(keys.tokenKeys())
                .isEqualTo("LocalKeys[redacted]");
    }

    @Test
    void aFileWithoutTheKeysIsRefusedWithTheFix() throws Exception {
        Path file = home.resolve("keys.properties");
        Files.writeString(file, "seal.keys=local1:AAAA\n");

        assertThatThrownBy(() -> LocalKeys.loadOrCreate(file))
                .hasMessageContaining("token.keys")
                .hasMessageContaining("delete it");
    }

    private static byte[] keyBytes(String entry) {
        assertThat(entry).startsWith("local1:");
        return Base64.getDecoder().decode(entry.substring("local1:".length()));
    }
}
