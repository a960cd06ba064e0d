package io.waymark.common.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.TestKeyRings;
import io.waymark.common.host.Hostname;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class SealedKeyProperties {

    private final KeySealer sealer = new KeySealer(TestKeyRings.ring(KeyPurpose.SEAL, "k2", "k1", "rot-2026"));

    @Property(tries = 300)
    void sealThenOpenRoundTrips(@ForAll @Size(min = 1, max = 3000) byte[] plain, @ForAll("hosts") Hostname host)
            throws SealException {
        // When
        byte[] blob = sealer.sealToBytes(plain, host);

        // Then
        assertThat(sealer.open(blob, host)).isEqualTo(plain);
        SealedKey parsed = SealedKey.parse(blob);
        assertThat(SealedKey.fromParts(parsed.keyId().value(), parsed.nonce(), parsed.ciphertext()).toBytes())
                .isEqualTo(blob);
    }

    @Property(tries = 40)
    void everySingleBitFlipIsRejected(@ForAll @Size(min = 1, max = 200) byte[] plain, @ForAll("hosts") Hostname host) {
        // Given
        byte[] blob = sealer.sealToBytes(plain, host);

        // Then
        for (int bit = 0; bit < blob.length * 8; bit++) {
            byte[] flipped = blob.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                sealer.open(flipped, host);
                fail("bit " + bit + " flipped and the blob still opened");
            } catch (SealException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
    }

    @Property(tries = 2000)
    void randomBytesOnlyEverFailWithASealException(@ForAll @Size(max = 120) byte[] junk) {
        try {
            sealer.open(junk, Hostname.parse("email.example.com"));
            fail("random bytes opened");
        } catch (SealException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @Property(tries = 1000)
    void wellFramedRandomBlobsFailAuthentication(@ForAll @Size(min = 17, max = 200) byte[] body) {
        // Given: a valid header naming a configured key, then random nonce and ciphertext
        byte[] blob = new byte[4 + body.length];
        blob[0] = 1;
        blob[1] = 2;
        blob[2] = 'k';
        blob[3] = '1';
        System.arraycopy(body, 0, blob, 4, body.length);
        try {
            sealer.open(blob, Hostname.parse("email.example.com"));
            fail("forged blob opened");
        } catch (SealException expected) {
            assertThat(expected.reason()).isIn(SealException.Reason.WRONG_KEY_OR_TAMPERED, SealException.Reason.MALFORMED);
        }
    }

    @Provide
    Arbitrary<Hostname> hosts() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20)
                .map(s -> Hostname.parse("t." + s + ".example"));
    }
}
