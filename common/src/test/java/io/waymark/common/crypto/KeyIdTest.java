package io.waymark.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"k", "k7", "2026a", "A-Z_a-z-0-9", "abcdefghijklmnop"})
    void validIdsAreAccepted(String id) {
        assertThat(KeyId.isValid(id)).isTrue();
        assertThat(KeyId.of(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdefghijklmnopq", "k 7", "k.7", "k/7", "k:7", "kä", "k\n", "é"})
    void invalidIdsAreRefusedWithTheRule(String id) {
        assertThat(KeyId.isValid(id)).isFalse();
        assertThatThrownBy(() -> KeyId.of(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-16 characters of A-Z a-z 0-9 _ -");
    }

    @org.junit.jupiter.api.Test
    void nullIsNotValid() {
        assertThat(KeyId.isValid(null)).isFalse();
    }
}
