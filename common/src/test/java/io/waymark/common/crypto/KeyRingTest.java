package io.waymark.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import io.waymark.common.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    private final byte[] k1 = TestKeyRings.randomKey();
    private final byte[] k2 = TestKeyRings.randomKey();
    private final String b1 = Base64.getEncoder().encodeToString(k1);
    private final String b2 = Base64.getEncoder().encodeToString(k2);

    @Test
    void firstEntryIsCurrentAndAllAreFound() {
        // When
        KeyRing ring = KeyRing.parse(KeyPurpose.SEAL, "seal.keys", "k2:" + b2 + ", k1:" + b1, Optional.empty());

        // Then
        assertThat(ring.currentId()).isEqualTo(KeyId.of("k2"));
        assertThat(ring.currentKey().getEncoded()).isEqualTo(k2);
        assertThat(ring.currentKey().getAlgorithm()).isEqualTo("AES");
        assertThat(ring.find(KeyId.of("k1")).orElseThrow().getEncoded()).isEqualTo(k1);
        assertThat(ring.find(KeyId.of("k9"))).isEmpty();
        assertThat(ring.ids()).containsExactlyInAnyOrder(KeyId.of("k1"), KeyId.of("k2"));
    }

    @Test
    void currentSettingPicksAnotherKey() {
        KeyRing ring = KeyRing.parse(KeyPurpose.TOKEN, "token.keys", "k2:" + b2 + "\nk1:" + b1, Optional.of("k1"));
        assertThat(ring.currentId()).isEqualTo(KeyId.of("k1"));
        assertThat(ring.currentKey().getAlgorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void loadsFromEnvironmentThroughConfig() {
        // Given
        Config config = new Config(ConfigSource.of(Map.of(), Map.of(),
                Map.of("WAYMARK_SEAL_KEYS", "k2:" + b2 + ",k1:" + b1, "WAYMARK_SEAL_CURRENT", "k1")));

        // When
        KeyRing ring = KeyRing.load(config, KeyPurpose.SEAL);

        // Then
        assertThat(ring.currentId().value()).isEqualTo("k1");
    }

    @Test
    void loadsFromAFileWithComments(@TempDir Path dir) throws Exception {
        // Given
        Path file = dir.resolve("token.keys");
        Files.writeString(file, "# rotated 2026-11-28\nk2:" + b2 + "\n\n# old\nk1:" + b1 + "\n");
        Config config = Config.of(Map.of("token.keys.file", file.toString()));

        // When
        KeyRing ring = KeyRing.load(config, KeyPurpose.TOKEN);

        // Then
        assertThat(ring.currentId().value()).isEqualTo("k2");
        assertThat(ring.ids()).hasSize(2);
    }

    @Test
    void refusesBadSpecsNamingTheSettingButNotTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertRefused("k1:" + shortKey, "seal.keys: entry 1 (key id k1) is base64 of 16 bytes, not exactly 32", shortKey);
        assertRefused("k1:" + b1 + ",k2:not*base64", "entry 2 (key id k2) is not valid base64", b1);
        assertRefused("k1:" + b1 + ",k1:" + b2, "key id k1 appears twice", b2);
        assertRefused("k 1:" + b1, "invalid key id", b1);
        assertRefused(b1, "entry 1 is not id:BASE64", b1);
        assertRefused(" , ", "no keys", null);
        String placeholder = Base64.getEncoder().encodeToString(new byte[32]);
        assertRefused("k1:" + placeholder, "placeholder", placeholder);
    }

    @Test
    void refusesAnUnknownCurrentId() {
        assertThatThrownBy(() -> KeyRing.parse(KeyPurpose.SEAL, "seal.keys", "k1:" + b1, Optional.of("k7")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("seal.current"))
                .hasMessageContaining("'k7'").hasMessageNotContaining(b1);
    }

    @Test
    void refusesMissingOrDoubleConfiguration(@TempDir Path dir) {
        assertThatThrownBy(() -> KeyRing.load(Config.of(Map.of()), KeyPurpose.SEAL))
                .hasMessageContaining("missing required setting seal.keys (or seal.keys.file)");
        Config both = Config.of(Map.of("token.keys", "k1:" + b1, "token.keys.file", dir.resolve("x").toString()));
        assertThatThrownBy(() -> KeyRing.load(both, KeyPurpose.TOKEN))
                .hasMessageContaining("set only one of token.keys and token.keys.file");
        Config missingFile = Config.of(Map.of("token.keys.file", dir.resolve("absent").toString()));
        assertThatThrownBy(() -> KeyRing.load(missingFile, KeyPurpose.TOKEN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent");
    }

    @Test
    void toStringShowsIdsOnly() {
        KeyRing ring = KeyRing.parse(KeyPurpose.SEAL, "seal.keys", "k2:" + b2 + ",k1:" + b1, Optional.empty());
        assertThat(ring.toString()).contains("k1", "k2", "SEAL").doesNotContain(b1, b2);
    }

    @Test
    void programmaticRingsAreCheckedToo() {
        assertThatThrownBy(() -> KeyRing.of(KeyPurpose.SEAL, KeyId.of("a"), Map.of(KeyId.of("a"), new byte[31])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyRing.of(KeyPurpose.SEAL, KeyId.of("b"), Map.of(KeyId.of("a"), k1)))
                .hasMessageContaining("not in the ring");
        assertThatThrownBy(() -> KeyId.of("x".repeat(17))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(String spec, String expected, String secretPart) {
        assertThatThrownBy(() -> KeyRing.parse(KeyPurpose.SEAL, "seal.keys", spec, Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("seal.keys");
                    assertThat(e.getMessage()).contains(expected);
                    if (secretPart != null) {
                        assertThat(e.getMessage()).doesNotContain(secretPart);
                    }
                });
    }
}
