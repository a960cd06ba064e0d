package io.waymark.common.config;

/**
 * Bad or missing configuration, raised at start-up so a service refuses to run rather than run
 * half-configured. Unchecked: nothing can recover from it but an operator. The message always
 * names the setting; values of secrets are never part of it.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The setting at fault, e.g. {@code admin.port}. */
    public String key() {
        return key;
    }
}
