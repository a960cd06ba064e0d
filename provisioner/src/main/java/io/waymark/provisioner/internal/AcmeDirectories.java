package io.waymark.provisioner.internal;

import io.waymark.common.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * The ACME directories known by name, and the rule for the {@code acme.directory} setting: a
 * name from {@link #NAMED}, or an {@code https://} (or acme4j {@code acme://}) URI.
 */
final class AcmeDirectories {

    /** Let's Encrypt by name, through acme4j's provider for it. */
    static final Map<String, URI> NAMED = Map.of(
            "letsencrypt", URI.create("acme://letsencrypt.org"),
            "letsencrypt-staging", URI.create("acme://letsencrypt.org/staging"));

    private AcmeDirectories() {
    }

    static URI resolve(Config config, String key) {
        String raw = config.string(key);
        URI named = NAMED.get(raw.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("acme")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw config.invalid(key, raw, "letsencrypt, letsencrypt-staging or an https:// directory URL");
    }
}
