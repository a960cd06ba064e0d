package io.waymark.deploy.k8s;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a module documents: the rows of every Markdown table whose header starts
 * with {@code | key |}, first column, with the default from the column named {@code default}.
 * A cell such as {@code `limits.new-orders.capacity` / `.period`} documents two keys, the second
 * replacing the last segment of the first.
 */
record ReadmeSettings(Map<String, String> defaults) {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static ReadmeSettings of(Path readme) {
        Map<String, String> defaults = new LinkedHashMap<>();
        List<String> lines = DeployFiles.read(readme).lines().toList();
        int defaultColumn = -1;
        boolean inTable = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(trimmed);
            if (!inTable) {
                inTable = true;
                defaultColumn = cells.get(0).equals("key") ? cells.indexOf("default") : -2;
                continue;
            }
            if (defaultColumn == -2 || trimmed.startsWith("|---")) {
                continue;
            }
            String previous = null;
            Matcher code = CODE.matcher(cells.get(0));
            while (code.find()) {
                String key = code.group(1);
                if (key.startsWith(".") && previous != null) {
                    key = previous.substring(0, previous.lastIndexOf('.')) + key;
                }
                String value = defaultColumn >= 0 && defaultColumn < cells.size() ? cells.get(defaultColumn) : "";
                defaults.putIfAbsent(key, value.replace("`", ""));
                previous = key;
            }
        }
        return new ReadmeSettings(Map.copyOf(defaults));
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        return java.util.Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }

    /** The environment variable of a key (common/README.md): WAYMARK_ + upper case, {@code .} and {@code -} as {@code _}. */
    static String environmentVariable(String key) {
        return "WAYMARK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    boolean documents(String key) {
        return defaults.containsKey(key);
    }

    /** Whether some documented key has this environment variable. */
    boolean documentsVariable(String variable) {
        return defaults.keySet().stream().anyMatch(k -> environmentVariable(k).equals(variable));
    }

    Optional<String> defaultOf(String key) {
        return Optional.ofNullable(defaults.get(key));
    }
}
