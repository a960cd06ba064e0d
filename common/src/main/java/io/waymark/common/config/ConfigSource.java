package io.waymark.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The raw, layered settings of one service: built-in defaults, overridden by a properties file,
 * overridden by environment variables. Key {@code edge.https.port} is looked up in the
 * environment as {@code WAYMARK_EDGE_HTTPS_PORT} (upper case, dots and hyphens become
 * underscores). The file is named by the command-line argument {@code --config <path>} (or
 * {@code --config=<path>}), else by the environment variable {@code WAYMARK_CONFIG}; it is
 * optional. {@link Config} adds types on top.
 */
public final class ConfigSource {

    /** Environment variable naming the properties file. */
    public static final String CONFIG_FILE_ENV = "WAYMARK_CONFIG";
    /** Command-line argument naming the properties file. */
    public static final String CONFIG_FILE_ARG = "--config";

    private static final String ENV_PREFIX = "WAYMARK_";

    private final Map<String, String> defaults;
    private final Map<String, String> file;
    private final Path filePath;
    private final Map<String, String> env;

    private ConfigSource(Map<String, String> defaults, Map<String, String> file, Path filePath,
                         Map<String, String> env) {
        this.defaults = Map.copyOf(defaults);
        this.file = Map.copyOf(file);
        this.filePath = filePath;
        this.env = Map.copyOf(env);
    }

    /** Layers given directly, for tests and embedding; {@code fileEntries} act as the file. */
    public static ConfigSource of(Map<String, String> defaults, Map<String, String> fileEntries,
                                  Map<String, String> env) {
        return new ConfigSource(defaults, fileEntries, null, env);
    }

    /**
     * Loads the layers for a service started with {@code args} in environment {@code env}
     * (normally {@code System.getenv()}).
     *
     * @throws ConfigException if the named file cannot be read or the argument is incomplete
     */
    public static ConfigSource load(String[] args, Map<String, String> env, Map<String, String> defaults) {
        Path path = configFile(args, env);
        Map<String, String> entries = path == null ? Map.of() : readProperties(path);
        return new ConfigSource(defaults, entries, path, env);
    }

    /** The environment variable consulted for {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The effective raw value of {@code key}, environment first, then file, then default. */
    public Optional<String> get(String key) {
        String value = env.get(envName(key));
        if (value == null) {
            value = file.get(key);
        }
        if (value == null) {
            value = defaults.get(key);
        }
        return Optional.ofNullable(value);
    }

    /** Where the effective value of {@code key} comes from, for error messages. */
    public String origin(String key) {
        if (env.containsKey(envName(key))) {
            return "environment variable " + envName(key);
        }
        if (file.containsKey(key)) {
            return filePath == null ? "config file" : "config file " + filePath;
        }
        if (defaults.containsKey(key)) {
            return "default";
        }
        return "unset";
    }

    /** The properties file in use, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(filePath);
    }

    private static Path configFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith(CONFIG_FILE_ARG + "=")) {
                return Path.of(arg.substring(CONFIG_FILE_ARG.length() + 1));
            }
            if (arg.equals(CONFIG_FILE_ARG)) {
                if (i + 1 >= args.length) {
                    throw new ConfigException(CONFIG_FILE_ARG, CONFIG_FILE_ARG + " needs a path");
                }
                return Path.of(args[i + 1]);
            }
        }
        String fromEnv = env.get(CONFIG_FILE_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    private static Map<String, String> readProperties(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(CONFIG_FILE_ARG,
                    "cannot read config file " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> entries = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> entries.put(k, properties.getProperty(k).trim()));
        return entries;
    }
}
