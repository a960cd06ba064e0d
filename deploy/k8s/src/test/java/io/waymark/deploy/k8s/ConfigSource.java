package io.waymark.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a service's config class reads and the defaults it declares, taken from its
 * source text: {@code Map.entry("key", "default")} and {@code config.getter("key"...)}. Used for a
 * service whose classes are not on this module's test class path (the renewer), so that its
 * admin port comes from the config class as for the others.
 *
 * @param defaults defaults given as string literals, by key
 * @param keys     every key the class reads or defaults, with the default or {@code ""}
 */
record ConfigSource(Map<String, String> defaults, Map<String, String> keys) {

    private static final Pattern DEFAULT = Pattern.compile("Map\\.entry\\(\"([a-z][a-z0-9.-]*)\",\\s*\"([^\"]*)\"\\)");
    private static final Pattern READ = Pattern.compile("(?:Map\\.entry\\(|config\\.\\w+\\(|config, )\"([a-z][a-z0-9.-]*)\"");

    static ConfigSource of(Path javaFile) {
        if (!Files.isRegularFile(javaFile)) {
            throw new AssertionError("no config class " + javaFile);
        }
        String source = DeployFiles.read(javaFile);
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher d = DEFAULT.matcher(source);
        while (d.find()) {
            defaults.put(d.group(1), d.group(2));
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher r = READ.matcher(source);
        while (r.find()) {
            keys.put(r.group(1), defaults.getOrDefault(r.group(1), ""));
        }
        return new ConfigSource(Map.copyOf(defaults), Map.copyOf(keys));
    }
}
