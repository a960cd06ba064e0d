package io.waymark.rewriter.cli;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigSource;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The token key ring of a command: {@code --key-file}, else {@code WAYMARK_TOKEN_KEYS(_FILE)},
 * else the local stack's {@code keys.properties} in its home ({@code -Dwaymark.home}, else
 * {@code ./.waymark}), so links of a local stack decode without naming its keys.
 */
final class TokenKeys {

    /** The local stack's key file, relative to its home, and the property holding the token keys. */
    static final String LOCAL_KEYS_FILE = "keys.properties";
    static final String LOCAL_TOKEN_KEYS = "token.keys";

    private TokenKeys() {
    }

    static KeyRing load(Path keyFile) throws IOException {
        return load(keyFile, System.getenv(), Path.of(System.getProperty("waymark.home", ".waymark")));
    }

    static KeyRing load(Path keyFile, Map<String, String> environment, Path localHome) throws IOException {
        if (keyFile != null) {
            return KeyRing.parse(KeyPurpose.TOKEN, "--key-file (" + keyFile + ")",
                    Files.readString(keyFile, StandardCharsets.UTF_8), Optional.empty());
        }
        boolean configured = isSet(environment, "WAYMARK_TOKEN_KEYS") || isSet(environment, "WAYMARK_TOKEN_KEYS_FILE");
        Path local = localHome.resolve(LOCAL_KEYS_FILE);
        if (!configured && Files.isRegularFile(local)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(local, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            String spec = properties.getProperty(LOCAL_TOKEN_KEYS);
            if (spec != null && !spec.isBlank()) {
                return KeyRing.parse(KeyPurpose.TOKEN, LOCAL_TOKEN_KEYS + " in " + local, spec.trim(), Optional.empty());
            }
        }
        Config config = new Config(ConfigSource.load(new String[0], environment, Map.of()));
        return KeyRing.load(config, KeyPurpose.TOKEN);
    }

    private static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }
}
