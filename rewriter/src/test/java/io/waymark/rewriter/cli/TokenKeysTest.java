package io.waymark.rewriter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.crypto.KeyId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenKeysTest {

    @TempDir
    Path home;

    private static String spec(String id) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    @Test
    void withoutAKeyFileOrVariableTheLocalStacksKeysAreUsed() throws Exception {
        // Given a local stack home holding its generated keys
        Files.writeString(home.resolve("keys.properties"), "seal.keys=" + spec("s1") + "\ntoken.keys=" + spec("local1") + "\n");

        // When
        var ring = TokenKeys.load(null, Map.of(), home);

        // Then
        assertThat(ring.ids()).containsExactly(KeyId.of("local1"));
    }

    @Test
    void theVariableWinsOverTheLocalStack() throws Exception {
        // Given both
        Files.writeString(home.resolve("keys.properties"), "token.keys=" + spec("local1") + "\n");

        // When
        var ring = TokenKeys.load(null, Map.of("WAYMARK_TOKEN_KEYS", spec("env1")), home);

        // Then
        assertThat(ring.ids()).containsExactly(KeyId.of("env1"));
    }

    @Test
    void theKeyFileWinsOverEverything() throws Exception {
        // Given
        Files.writeString(home.resolve("keys.properties"), "token.keys=" + spec("local1") + "\n");
        Path file = Files.writeString(home.resolve("mine.txt"), spec("file1") + "\n");

        // When
        var ring = TokenKeys.load(file, Map.of("WAYMARK_TOKEN_KEYS", spec("env1")), home);

        // Then
        assertThat(ring.ids()).containsExactly(KeyId.of("file1"));
    }

    @Test
    void noKeysAnywhereIsAnErrorNamingTheSetting() {
        // Given an empty home and no variable
        // When / Then
        assertThatThrownBy(() -> TokenKeys.load(null, Map.of(), home))
                .hasMessageContaining("token.keys");
    }
}
