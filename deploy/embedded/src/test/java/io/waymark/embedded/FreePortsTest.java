package io.waymark.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsPickedEarlierAndNotYetBoundAreNotHandedOutAgain() {
        // A closed probe's port can come straight back from the system (pebble-challtestsrv once
        // got the HTTP-01 port picked for the test's responder this way).
        for (int round = 0; round < 20; round++) {
            int[] earlier = FreePorts.distinct(100);
            int[] later = FreePorts.distinctExcept(100, earlier);
            assertThat(later).hasSize(100).doesNotHaveDuplicates();
            assertThat(Arrays.stream(later).filter(p -> Arrays.stream(earlier).anyMatch(e -> e == p))).isEmpty();
        }
    }

    @Test
    void pebblePortsAvoidTheHttp01Port() {
        int http01Port = FreePorts.distinct(1)[0];
        for (int round = 0; round < 200; round++) {
            PebblePorts ports = PebblePorts.freeExcept(http01Port);
            assertThat(new int[] {ports.acme(), ports.management(), ports.tlsAlpn(), ports.dns(),
                ports.challengeManagement()}).doesNotContain(http01Port).doesNotHaveDuplicates();
        }
    }
}
