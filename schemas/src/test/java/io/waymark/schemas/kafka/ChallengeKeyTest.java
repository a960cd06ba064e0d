package io.waymark.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChallengeKeyTest {

    @Test
    void formatsAndParsesHostSlashToken() {
        // Given
        ChallengeKey key = new ChallengeKey("email.example.com", "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0");

        // When
        String written = key.toString();

        // Then
        assertThat(written).isEqualTo("email.example.com/LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0");
        assertThat(ChallengeKey.parse(written)).isEqualTo(key);
    }

    @Test
    void refusesKeysWithoutOrWithExtraSlashes() {
        // When / Then
        assertThatThrownBy(() -> ChallengeKey.parse("email.example.com")).hasMessageContaining("<host>/<token>");
        assertThatThrownBy(() -> ChallengeKey.parse("a/b/c")).hasMessageContaining("token must be");
        assertThatThrownBy(() -> ChallengeKey.parse("/t")).hasMessageContaining("trackingHost must be");
    }
}
