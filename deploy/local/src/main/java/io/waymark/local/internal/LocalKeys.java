package io.waymark.local.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local stack's secrets: one sealing key (AES-256-GCM, {@code seal.keys}) and one token key
 * (HMAC-SHA256, {@code token.keys}) in the common {@code id:BASE64} format, generated with
 * {@link SecureRandom} at the first start into {@code keys.properties} (mode 0600, created that
 * way, never widened) and read back at every later start, so sealed certificates and signed
 * links stay valid across restarts. The values are handed to the services in their environment
 * and never printed or logged.
 *
 * @param sealKeys the {@code seal.keys} value
 * @param tokenKeys the {@code token.keys} value
 */
public record LocalKeys(String sealKeys, String tokenKeys) {

    public static final String SEAL_KEYS = "seal.keys";
    public static final String TOKEN_KEYS = "token.keys";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads {@code file}, creating it with fresh keys first when it does not exist. */
    public static LocalKeys loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String seal = properties.getProperty(SEAL_KEYS);
        String token = properties.getProperty(TOKEN_KEYS);
        if (seal == null || seal.isBlank() || token == null || token.isBlank()) {
            throw new IllegalStateException(file + " must hold " + SEAL_KEYS + " and " + TOKEN_KEYS
                    + "; delete it to have new keys generated (links and certificates made with the old ones stop working)");
        }
        return new LocalKeys(seal.trim(), token.trim());
    }

    /** Hides the values: a record's default {@code toString} would print them. */
    @Override
    public String toString() {
        return "LocalKeys[redacted]";
    }

    private static void create(Path file) {
        Properties properties = new Properties();
        properties.setProperty(SEAL_KEYS, "local1:" + randomKey());
        properties.setProperty(TOKEN_KEYS, "local1:" + randomKey());
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                properties.store(writer, "Waymark local stack secrets, generated at first start; never commit or share");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
