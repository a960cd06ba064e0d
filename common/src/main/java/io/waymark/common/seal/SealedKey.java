package io.waymark.common.seal;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.seal.SealException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private key sealed by {@link KeySealer}, immutable. It has two equivalent forms: the parts
 * (key id, 12-byte nonce, ciphertext with its 16-byte GCM tag at the end) that the Avro
 * {@code SealedKey} record carries as fields, and a compact self-describing blob for files and
 * single-field storage:
 *
 * <pre>
 *   byte 0        version (1)
 *   byte 1        key id length n (1..16)
 *   bytes 2..n+1  key id, ASCII
 *   next 12       nonce
 *   rest          ciphertext || 16-byte tag (at least 17 bytes)
 * </pre>
 *
 * Parsing checks structure only; authenticity is checked by {@link KeySealer#open}.
 */
public final class SealedKey {

    /** Format version written today; also bound into the GCM associated data. */
    public static final int VERSION = 1;
    /** GCM nonce length (NIST SP 800-38D §8.2.2 recommends 96 bits for random nonces). */
    public static final int NONCE_BYTES = 12;
    /** GCM tag length. */
    public static final int TAG_BYTES = 16;
    /** Upper bound on the ciphertext: an RSA-4096 PKCS#8 key is about 2.4 KiB. */
    public static final int MAX_CIPHERTEXT_BYTES = 16 * 1024;

    private final KeyId keyId;
    private final byte[] nonce;
    private final byte[] ciphertext;

    private SealedKey(KeyId keyId, byte[] nonce, byte[] ciphertext) {
        this.keyId = keyId;
        this.nonce = nonce;
        this.ciphertext = ciphertext;
    }

    /**
     * Rebuilds a sealed key from the fields of a record (the Avro {@code SealedKey}); the arrays
     * are copied.
     *
     * @throws SealException {@code MALFORMED} if a part has the wrong shape
     */
    public static SealedKey fromParts(String keyId, byte[] nonce, byte[] ciphertext) throws SealException {
        if (keyId == null || !KeyId.isValid(keyId)) {
            throw new SealException(Reason.MALFORMED, "invalid key id");
        }
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new SealException(Reason.MALFORMED, "nonce must be " + NONCE_BYTES + " bytes");
        }
        checkCiphertextLength(ciphertext == null ? 0 : ciphertext.length);
        return new SealedKey(KeyId.of(keyId), nonce.clone(), ciphertext.clone());
    }

    /**
     * Parses the blob form.
     *
     * @throws SealException {@code UNSUPPORTED_VERSION} or {@code MALFORMED}
     */
    public static SealedKey parse(byte[] blob) throws SealException {
        Objects.requireNonNull(blob, "blob");
        if (blob.length < 2) {
            throw new SealException(Reason.MALFORMED, "blob of " + blob.length + " bytes is truncated");
        }
        if (blob[0] != VERSION) {
            throw new SealException(Reason.UNSUPPORTED_VERSION, "version " + (blob[0] & 0xff));
        }
        int idLength = blob[1] & 0xff;
        if (idLength < 1 || idLength > KeyId.MAX_LENGTH) {
            throw new SealException(Reason.MALFORMED, "key id length " + idLength);
        }
        int nonceStart = 2 + idLength;
        int cipherStart = nonceStart + NONCE_BYTES;
        if (blob.length < cipherStart) {
            throw new SealException(Reason.MALFORMED, "blob of " + blob.length + " bytes is truncated");
        }
        checkCiphertextLength(blob.length - cipherStart);
        String id = new String(blob, 2, idLength, StandardCharsets.US_ASCII);
        if (!KeyId.isValid(id)) {
            throw new SealException(Reason.MALFORMED, "invalid key id");
        }
        return new SealedKey(KeyId.of(id),
                Arrays.copyOfRange(blob, nonceStart, cipherStart),
                Arrays.copyOfRange(blob, cipherStart, blob.length));
    }

    static SealedKey sealed(KeyId keyId, byte[] nonce, byte[] ciphertext) {
        return new SealedKey(keyId, nonce, ciphertext);
    }

    /** The blob form described above. */
    public byte[] toBytes() {
        byte[] id = keyId.value().getBytes(StandardCharsets.US_ASCII);
        byte[] blob = new byte[2 + id.length + NONCE_BYTES + ciphertext.length];
        blob[0] = VERSION;
        blob[1] = (byte) id.length;
        System.arraycopy(id, 0, blob, 2, id.length);
        System.arraycopy(nonce, 0, blob, 2 + id.length, NONCE_BYTES);
        System.arraycopy(ciphertext, 0, blob, 2 + id.length + NONCE_BYTES, ciphertext.length);
        return blob;
    }

    /** Id of the key this was sealed with. */
    public KeyId keyId() {
        return keyId;
    }

    /** A copy of the 12-byte nonce. */
    public byte[] nonce() {
        return nonce.clone();
    }

    /** A copy of the ciphertext, GCM tag included (last 16 bytes). */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    byte[] nonceUnsafe() {
        return nonce;
    }

    byte[] ciphertextUnsafe() {
        return ciphertext;
    }

    private static void checkCiphertextLength(int length) throws SealException {
        if (length <= TAG_BYTES) {
            throw new SealException(Reason.MALFORMED, "ciphertext of " + length + " bytes is truncated");
        }
        if (length > MAX_CIPHERTEXT_BYTES) {
            throw new SealException(Reason.MALFORMED, "ciphertext of " + length + " bytes is too large");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedKey
                && ((SealedKey) o).keyId.equals(keyId)
                && Arrays.equals(((SealedKey) o).nonce, nonce)
                && Arrays.equals(((SealedKey) o).ciphertext, ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyId.hashCode() + Arrays.hashCode(nonce)) + Arrays.hashCode(ciphertext);
    }

    /** Key id and size only: ciphertext is not secret but is noise in a log line. */
    @Override
    public String toString() {
        return "SealedKey[keyId=" + keyId + ", ciphertextBytes=" + ciphertext.length + "]";
    }
}
