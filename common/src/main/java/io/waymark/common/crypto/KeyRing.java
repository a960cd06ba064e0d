package io.waymark.common.crypto;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one {@link KeyPurpose}, by id, with one current key. Loaded once at start-up from
 * {@code <purpose>.keys} (inline, usually the environment variable) or {@code <purpose>.keys.file}
 * with the syntax {@code id:BASE64[,id:BASE64...]} (commas or newlines between entries, {@code #}
 * starts a comment line), each value the standard base64 of exactly 32 random bytes. The first
 * entry is current unless {@code <purpose>.current} names another. Anything else stops the
 * service with a {@link ConfigException} naming the setting; key bytes never appear in a message,
 * in {@link #toString()} or in a log line.
 */
public final class KeyRing {

    /** Every key is exactly 32 bytes: AES-256 and a full-strength HMAC-SHA256 key. */
    public static final int KEY_BYTES = 32;

    private final KeyPurpose purpose;
    private final KeyId currentId;
    private final Map<KeyId, SecretKey> keys;

    private KeyRing(KeyPurpose purpose, KeyId currentId, Map<KeyId, SecretKey> keys) {
        this.purpose = purpose;
        this.currentId = currentId;
        this.keys = keys;
    }

    /** Builds a ring from raw keys (tests, tools); {@code keys} keeps its iteration order. */
    public static KeyRing of(KeyPurpose purpose, KeyId currentId, Map<KeyId, byte[]> keys) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(currentId, "currentId");
        Map<KeyId, SecretKey> specs = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            String problem = problemWith(bytes);
            if (problem != null) {
                throw new IllegalArgumentException("key " + id + ": " + problem);
            }
            specs.put(id, new SecretKeySpec(bytes, purpose.algorithm()));
        });
        if (!specs.containsKey(currentId)) {
            throw new IllegalArgumentException("current key " + currentId + " is not in the ring");
        }
        return new KeyRing(purpose, currentId, Map.copyOf(specs));
    }

    /**
     * Loads the ring of {@code purpose} from {@code config}: exactly one of the inline and file
     * settings must be set.
     */
    public static KeyRing load(Config config, KeyPurpose purpose) {
        String inline = purpose.keysSetting();
        String fileSetting = purpose.keysFileSetting();
        var secret = config.optionalSecret(inline);
        Optional<Path> file = config.optionalPath(fileSetting);
        if (secret.isPresent() && file.isPresent()) {
            throw new ConfigException(inline, "set only one of " + inline + " and " + fileSetting);
        }
        Optional<String> current = config.optionalString(purpose.currentSetting());
        if (secret.isPresent()) {
            return parse(purpose, inline, secret.get().reveal(), current);
        }
        if (file.isPresent()) {
            return parse(purpose, fileSetting + " (" + file.get() + ")", read(fileSetting, file.get()), current);
        }
        throw new ConfigException(inline, "missing required setting " + inline + " (or " + fileSetting
                + "): " + purpose.algorithm() + " keys, format id:BASE64[,id:BASE64...]");
    }

    /**
     * Parses {@code spec}; {@code setting} names the source in error messages.
     *
     * @throws ConfigException if the spec or the current id is invalid
     */
    public static KeyRing parse(KeyPurpose purpose, String setting, String spec, Optional<String> current) {
        Map<KeyId, SecretKey> keys = new LinkedHashMap<>();
        List<String> entries = entries(spec);
        if (entries.isEmpty()) {
            throw new ConfigException(setting, setting + ": no keys (format id:BASE64[,id:BASE64...])");
        }
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int colon = entry.indexOf(':');
            String where = setting + ": entry " + (i + 1);
            if (colon < 0) {
                throw new ConfigException(setting, where + " is not id:BASE64");
            }
            String id = entry.substring(0, colon).trim();
            if (!KeyId.isValid(id)) {
                throw new ConfigException(setting, where + " has an invalid key id (1-"
                        + KeyId.MAX_LENGTH + " of A-Z a-z 0-9 _ -)");
            }
            KeyId keyId = KeyId.of(id);
            byte[] bytes = decode(entry.substring(colon + 1).trim());
            String problem = bytes == null ? "is not valid base64" : problemWith(bytes);
            if (problem != null) {
                throw new ConfigException(setting, where + " (key id " + id + ") " + problem);
            }
            if (keys.put(keyId, new SecretKeySpec(bytes, purpose.algorithm())) != null) {
                throw new ConfigException(setting, where + ": key id " + id + " appears twice");
            }
            Arrays.fill(bytes, (byte) 0);
        }
        KeyId currentId = keys.keySet().iterator().next();
        if (current.isPresent()) {
            String wanted = current.get().trim();
            currentId = keys.keySet().stream().filter(k -> k.value().equals(wanted)).findFirst()
                    .orElseThrow(() -> new ConfigException(purpose.currentSetting(), purpose.currentSetting()
                            + ": key id '" + wanted + "' is not among the configured keys " + keys.keySet()));
        }
        return new KeyRing(purpose, currentId, Map.copyOf(keys));
    }

    /** What the keys are for. */
    public KeyPurpose purpose() {
        return purpose;
    }

    /** The id new data is made with. */
    public KeyId currentId() {
        return currentId;
    }

    /** The key new data is made with. */
    public SecretKey currentKey() {
        return keys.get(currentId);
    }

    /** The key named {@code id}, if configured. */
    public Optional<SecretKey> find(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** Every configured id (current first is not guaranteed). */
    public List<KeyId> ids() {
        return List.copyOf(keys.keySet());
    }

    /** Ids only, never key bytes. */
    @Override
    public String toString() {
        return "KeyRing[purpose=" + purpose + ", current=" + currentId + ", ids=" + keys.keySet() + "]";
    }

    private static List<String> entries(String spec) {
        List<String> entries = new ArrayList<>();
        for (String line : spec.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                continue;
            }
            for (String part : trimmed.split(",")) {
                if (!part.isBlank()) {
                    entries.add(part.trim());
                }
            }
        }
        return entries;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String problemWith(byte[] bytes) {
        if (bytes.length != KEY_BYTES) {
            return "is base64 of " + bytes.length + " bytes, not exactly " + KEY_BYTES;
        }
        // A key of one repeated byte is a placeholder someone forgot to replace, not a key.
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return null;
            }
        }
        return "is a placeholder (one repeated byte), not a random key";
    }

    private static String read(String setting, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(setting, "cannot read " + setting + " " + file + ": " + e.getMessage(), e);
        }
    }
}
