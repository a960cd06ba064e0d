package io.waymark.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfraModeTest {

    @Test
    void explicitModesWinWhateverDockerSays() {
        // Given / When / Then
        assertThat(InfraMode.decide("embedded")).isEqualTo(InfraMode.EMBEDDED);
        assertThat(InfraMode.decide(" Containers ")).isEqualTo(InfraMode.CONTAINERS);
    }

    @Test
    void unknownModeIsRejectedWithThePropertyName() {
        // Given / When / Then
        assertThatThrownBy(() -> InfraMode.decide("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("waymark.infra")
                .hasMessageContaining("'docker'");
    }
}
