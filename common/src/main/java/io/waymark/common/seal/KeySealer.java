package io.waymark.common.seal;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.host.Hostname;
import io.waymark.common.seal.SealException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens certificate private keys (PKCS#8 DER, or any bytes) for one tracking host.
 * The provisioner seals with the ring's current key right after generating a key pair; the edge
 * opens with whichever configured key the sealed key names. The associated data binds the format
 * version, the key id and the tracking host, so a sealed key copied into another host's record,
 * relabelled with another key id or modified in any bit fails with
 * {@link Reason#WRONG_KEY_OR_TAMPERED}. Thread-safe.
 */
public final class KeySealer {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = SealedKey.TAG_BYTES * 8;

    // Cipher is not thread-safe and getInstance costs a provider lookup; one per thread is cheap.
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(KeySealer::newCipher);

    private final KeyRing ring;
    private final SecureRandom random;

    /** A sealer over {@code ring}, which must be a {@link KeyPurpose#SEAL} ring. */
    public KeySealer(KeyRing ring) {
        this(ring, new SecureRandom());
    }

    KeySealer(KeyRing ring, SecureRandom random) {
        this.ring = Objects.requireNonNull(ring, "ring");
        if (ring.purpose() != KeyPurpose.SEAL) {
            throw new IllegalArgumentException("a KeySealer needs a SEAL key ring, not " + ring.purpose());
        }
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Seals {@code plaintext} for {@code host} with the current key and a fresh random nonce. */
    public SealedKey seal(byte[] plaintext, Hostname host) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(host, "host");
        if (plaintext.length == 0 || plaintext.length > SealedKey.MAX_CIPHERTEXT_BYTES - SealedKey.TAG_BYTES) {
            throw new IllegalArgumentException("plaintext of " + plaintext.length + " bytes cannot be sealed");
        }
        KeyId keyId = ring.currentId();
        byte[] nonce = new byte[SealedKey.NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, ring.currentKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, host));
            return SealedKey.sealed(keyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            // Only a broken JCA provider gets here: AES-256-GCM is mandatory on every Java 17.
            throw new IllegalStateException("AES-GCM sealing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Seals and returns the blob form, for files and single-field storage. */
    public byte[] sealToBytes(byte[] plaintext, Hostname host) {
        return seal(plaintext, host).toBytes();
    }

    /**
     * Opens {@code sealed} for {@code host}.
     *
     * @throws SealException {@code UNKNOWN_KEY_ID} or {@code WRONG_KEY_OR_TAMPERED}; never
     *                       returns unauthenticated bytes
     */
    public byte[] open(SealedKey sealed, Hostname host) throws SealException {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(host, "host");
        SecretKey key = ring.find(sealed.keyId()).orElseThrow(() -> new SealException(
                Reason.UNKNOWN_KEY_ID, "key id " + sealed.keyId() + " is not configured"));
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonceUnsafe()));
            cipher.updateAAD(associatedData(sealed.keyId(), host));
            return cipher.doFinal(sealed.ciphertextUnsafe());
        } catch (AEADBadTagException e) {
            throw new SealException(Reason.WRONG_KEY_OR_TAMPERED,
                    "authentication failed for key id " + sealed.keyId() + " and host " + host);
        } catch (GeneralSecurityException e) {
            throw new SealException(Reason.WRONG_KEY_OR_TAMPERED,
                    "cannot open with key id " + sealed.keyId() + ": " + e.getClass().getSimpleName());
        }
    }

    /** Parses and opens the blob form. */
    public byte[] open(byte[] blob, Hostname host) throws SealException {
        return open(SealedKey.parse(blob), host);
    }

    /** Which keys this sealer holds (ids only). */
    @Override
    public String toString() {
        return "KeySealer[" + ring + "]";
    }

    private static byte[] associatedData(KeyId keyId, Hostname host) {
        // version || id length || id || host: the host is last and unambiguous because the
        // fields before it are length-prefixed, and GCM takes the AAD as one separate input.
        byte[] id = keyId.value().getBytes(StandardCharsets.US_ASCII);
        byte[] name = host.ascii().getBytes(StandardCharsets.US_ASCII);
        byte[] aad = new byte[2 + id.length + name.length];
        aad[0] = SealedKey.VERSION;
        aad[1] = (byte) id.length;
        System.arraycopy(id, 0, aad, 2, id.length);
        System.arraycopy(name, 0, aad, 2 + id.length, name.length);
        return aad;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
        }
    }
}
