package io.waymark.rewriter.cli;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigSource;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The token key ring of a command: {@code --key-file}, else {@code WAYMARK_TOKEN_KEYS(_FILE)}. */
final class TokenKeys {

    private TokenKeys() {
    }

    static KeyRing load(Path keyFile) throws IOException {
        if (keyFile != null) {
            return KeyRing.parse(KeyPurpose.TOKEN, "--key-file (" + keyFile + ")",
                    Files.readString(keyFile, StandardCharsets.UTF_8), Optional.empty());
        }
        Config config = new Config(ConfigSource.load(new String[0], System.getenv(), Map.of()));
        return KeyRing.load(config, KeyPurpose.TOKEN);
    }
}
