package io.waymark.common.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The recipient as a tracking token carries it: the first 12 bytes of SHA-256 over a fixed
 * prefix and the trimmed, lower-cased address. A token is signed, not encrypted, and ends up in
 * browser histories, proxy logs and link scanners, so it never carries the address itself; the
 * digest is 13 bytes shorter than a typical address, identical for every message to that address
 * (other systems can compute it from their own recipient lists), and together with the message
 * id identifies the recipient in the platform's records. It is pseudonymous, not anonymous:
 * someone holding a token can confirm a guessed address.
 */
public final class RecipientDigest {

    /** Digest length: 96 bits keep accidental collisions out of reach at any platform's size. */
    public static final int BYTES = 12;

    private static final byte[] PREFIX = "waymark-recipient-v1:".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;

    private RecipientDigest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Digest of {@code address} (trimmed, lower-cased with {@link Locale#ROOT}). */
    public static RecipientDigest of(String address) {
        Objects.requireNonNull(address, "address");
        String normal = address.trim().toLowerCase(Locale.ROOT);
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("recipient address is empty");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(PREFIX);
            return new RecipientDigest(Arrays.copyOf(sha256.digest(normal.getBytes(StandardCharsets.UTF_8)), BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory on every Java platform", e);
        }
    }

    /** Rebuilds a digest from its 12 bytes (e.g. from an event record); copies the array. */
    public static RecipientDigest fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a recipient digest is " + BYTES + " bytes, not " + bytes.length);
        }
        return new RecipientDigest(bytes.clone());
    }

    /** Parses the 24-character lower-case hex form produced by {@link #toString()}. */
    public static RecipientDigest fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("a recipient digest is " + BYTES * 2 + " hex characters");
        }
        return new RecipientDigest(HexFormat.of().parseHex(hex));
    }

    /** A copy of the 12 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecipientDigest && Arrays.equals(((RecipientDigest) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower-case hex, 24 characters; safe to log and to store in an event. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
