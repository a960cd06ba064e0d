package io.waymark.common.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.crypto.TestKeyRings;
import io.waymark.common.host.Hostname;
import io.waymark.common.seal.SealException.Reason;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySealerTest {

    private static final Hostname HOST = Hostname.parse("email.example.com");

    private final byte[] k1 = TestKeyRings.randomKey();
    private final byte[] k2 = TestKeyRings.randomKey();
    private final KeySealer sealer = new KeySealer(ring("k1", Map.of("k1", k1)));

    @Test
    void sealsAndOpensAPkcs8PrivateKey() throws Exception {
        // Given
        byte[] pkcs8 = p256PrivateKey();

        // When
        SealedKey sealed = sealer.seal(pkcs8, HOST);
        byte[] opened = sealer.open(sealed, HOST);

        // Then
        assertThat(opened).isEqualTo(pkcs8);
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(opened));
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(sealed.keyId()).isEqualTo(KeyId.of("k1"));
        assertThat(sealed.ciphertext()).hasSize(pkcs8.length + SealedKey.TAG_BYTES);
    }

    @Test
    void noncesAreFreshForEverySeal() {
        byte[] plain = {1, 2, 3};
        assertThat(sealer.seal(plain, HOST).nonce()).isNotEqualTo(sealer.seal(plain, HOST).nonce());
    }

    @Test
    void blobRoundTripsThroughBytesAndParts() throws Exception {
        // Given
        SealedKey sealed = sealer.seal("secret".getBytes(), HOST);

        // When
        byte[] blob = sealed.toBytes();
        SealedKey fromBlob = SealedKey.parse(blob);
        SealedKey fromParts = SealedKey.fromParts(sealed.keyId().value(), sealed.nonce(), sealed.ciphertext());

        // Then
        assertThat(blob[0]).isEqualTo((byte) SealedKey.VERSION);
        assertThat(blob).hasSize(2 + 2 + 12 + 6 + 16);
        assertThat(fromBlob).isEqualTo(sealed).isEqualTo(fromParts).hasSameHashCodeAs(sealed);
        assertThat(sealer.open(blob, HOST)).isEqualTo("secret".getBytes());
        assertThat(sealer.sealToBytes("x".getBytes(), HOST)[0]).isEqualTo((byte) 1);
    }

    @Test
    void anotherHostCannotOpenIt() {
        byte[] blob = sealer.sealToBytes("secret".getBytes(), HOST);
        assertReason(() -> sealer.open(blob, Hostname.parse("email.other.com")), Reason.WRONG_KEY_OR_TAMPERED);
    }

    @Test
    void rotationSealsWithCurrentAndOpensWithAny() throws Exception {
        // Given: k1 sealed yesterday; today k2 is current and k1 still configured
        byte[] old = sealer.sealToBytes("old".getBytes(), HOST);
        Map<String, byte[]> both = new LinkedHashMap<>();
        both.put("k2", k2);
        both.put("k1", k1);
        KeySealer rotated = new KeySealer(ring("k2", both));

        // When
        byte[] fresh = rotated.sealToBytes("new".getBytes(), HOST);

        // Then
        assertThat(rotated.open(old, HOST)).isEqualTo("old".getBytes());
        assertThat(SealedKey.parse(fresh).keyId()).isEqualTo(KeyId.of("k2"));
        assertReason(() -> sealer.open(fresh, HOST), Reason.UNKNOWN_KEY_ID);
    }

    @Test
    void aDifferentKeyUnderTheSameIdFails() {
        byte[] blob = sealer.sealToBytes("secret".getBytes(), HOST);
        KeySealer impostor = new KeySealer(ring("k1", Map.of("k1", k2)));
        assertReason(() -> impostor.open(blob, HOST), Reason.WRONG_KEY_OR_TAMPERED);
    }

    @Test
    void tamperingAndTruncationFail() {
        // Given
        byte[] blob = sealer.sealToBytes("secret".getBytes(), HOST);
        byte[] flipped = blob.clone();
        flipped[flipped.length - 20] ^= 0x01;

        // Then
        assertReason(() -> sealer.open(flipped, HOST), Reason.WRONG_KEY_OR_TAMPERED);
        assertReason(() -> sealer.open(Arrays.copyOf(blob, blob.length - 1), HOST), Reason.WRONG_KEY_OR_TAMPERED);
        assertReason(() -> sealer.open(Arrays.copyOf(blob, 2 + 2 + 12 + 16), HOST), Reason.MALFORMED);
        assertReason(() -> sealer.open(Arrays.copyOf(blob, 10), HOST), Reason.MALFORMED);
        assertReason(() -> sealer.open(new byte[0], HOST), Reason.MALFORMED);
        byte[] v2 = blob.clone();
        v2[0] = 2;
        assertReason(() -> sealer.open(v2, HOST), Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void relabelledKeyIdFailsEvenWhenTheKeyMatches() throws Exception {
        // Given: the same key configured under two ids
        Map<String, byte[]> aliases = new LinkedHashMap<>();
        aliases.put("k1", k1);
        aliases.put("k9", k1);
        KeySealer both = new KeySealer(ring("k1", aliases));
        SealedKey sealed = both.seal("secret".getBytes(), HOST);

        // When
        SealedKey relabelled = SealedKey.fromParts("k9", sealed.nonce(), sealed.ciphertext());

        // Then: the key id is authenticated data
        assertReason(() -> both.open(relabelled, HOST), Reason.WRONG_KEY_OR_TAMPERED);
    }

    @Test
    void badPartsAreMalformed() {
        assertReason(() -> SealedKey.fromParts("k1", new byte[11], new byte[40]), Reason.MALFORMED);
        assertReason(() -> SealedKey.fromParts("k 1", new byte[12], new byte[40]), Reason.MALFORMED);
        assertReason(() -> SealedKey.fromParts("k1", new byte[12], new byte[16]), Reason.MALFORMED);
        assertReason(() -> SealedKey.fromParts(null, new byte[12], new byte[40]), Reason.MALFORMED);
    }

    @Test
    void refusesATokenRingAndEmptyPlaintext() {
        assertThatThrownBy(() -> new KeySealer(TestKeyRings.ring(KeyPurpose.TOKEN, "t1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(new byte[0], HOST)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingPrintsKeyMaterial() throws Exception {
        SealedKey sealed = sealer.seal("secret".getBytes(), HOST);
        assertThat(sealed.toString()).isEqualTo("SealedKey[keyId=k1, ciphertextBytes=22]");
        assertThat(sealer.toString()).contains("k1").doesNotContain(java.util.Base64.getEncoder().encodeToString(k1));
        SealException e = catchSeal(() -> sealer.open(sealed, Hostname.parse("x.example")));
        assertThat(e.getMessage()).contains("k1").doesNotContain("secret");
    }

    static byte[] p256PrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPrivate().getEncoded();
    }

    private static KeyRing ring(String current, Map<String, byte[]> keys) {
        Map<KeyId, byte[]> byId = new LinkedHashMap<>();
        keys.forEach((id, key) -> byId.put(KeyId.of(id), key));
        return KeyRing.of(KeyPurpose.SEAL, KeyId.of(current), byId);
    }

    interface SealCall {
        Object call() throws SealException;
    }

    private static void assertReason(SealCall call, Reason reason) {
        assertThat(catchSeal(call).reason()).isEqualTo(reason);
    }

    private static SealException catchSeal(SealCall call) {
        try {
            call.call();
        } catch (SealException e) {
            return e;
        }
        throw new AssertionError("expected a SealException");
    }
}
