package io.waymark.schemas.evolution;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every released version of every Waymark record, read from the jar.
 *
 * <p>The build copies {@code src/main/avro/history} to {@code io/waymark/schemas/history/} on the
 * classpath; {@code index.txt} there lists one {@code <Record>/v<N>.avsc} per line (a classpath
 * folder cannot be listed portably). The serde resolves a writer schema by fingerprint here, so a
 * consumer decodes whatever any released producer wrote; the compatibility check compares the
 * current schemas with these.
 */
public final class SchemaHistory {

    /** Classpath folder of the history files. */
    public static final String RESOURCE_ROOT = "io/waymark/schemas/history/";
    /** Classpath resource listing the history files. */
    public static final String INDEX = RESOURCE_ROOT + "index.txt";

    private static final Logger LOGGER = LoggerFactory.getLogger(SchemaHistory.class);
    private static final Pattern ENTRY = Pattern.compile("([A-Z][A-Za-z0-9]*)/v([1-9][0-9]*)\\.avsc");
    private static final String NAMESPACE = "io.waymark.schemas";

    private static volatile SchemaHistory shipped;

    private final Map<String, List<SchemaVersion>> byRecord;
    private final Map<Long, SchemaVersion> byFingerprint;

    private SchemaHistory(Collection<SchemaVersion> versions) {
        Map<String, List<SchemaVersion>> records = new TreeMap<>();
        Map<Long, SchemaVersion> fingerprints = new HashMap<>();
        for (SchemaVersion v : versions) {
            List<SchemaVersion> list = records.computeIfAbsent(v.recordName(), k -> new ArrayList<>());
            if (list.stream().anyMatch(o -> o.version() == v.version())) {
                throw new IllegalArgumentException("duplicate history version: " + v);
            }
            list.add(v);
            fingerprints.putIfAbsent(v.fingerprint(), v);
        }
        records.replaceAll((k, list) -> {
            list.sort(Comparator.comparingInt(SchemaVersion::version));
            return List.copyOf(list);
        });
        this.byRecord = Map.copyOf(records);
        this.byFingerprint = Map.copyOf(fingerprints);
    }

    /** The history shipped in this jar, loaded once. */
    public static SchemaHistory shipped() {
        SchemaHistory h = shipped;
        if (h == null) {
            synchronized (SchemaHistory.class) {
                h = shipped;
                if (h == null) {
                    h = load(SchemaHistory.class.getClassLoader());
                    shipped = h;
                }
            }
        }
        return h;
    }

    /** A history made of the given versions (tests, tools). */
    public static SchemaHistory of(Collection<SchemaVersion> versions) {
        return new SchemaHistory(requireNonNull(versions, "versions"));
    }

    /**
     * Reads the index and every file it names from {@code loader}.
     *
     * @throws IllegalStateException naming the resource when a file is missing, misnamed or not a schema
     */
    public static SchemaHistory load(ClassLoader loader) {
        List<SchemaVersion> versions = new ArrayList<>();
        for (String entry : readIndex(loader)) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalStateException(INDEX + ": entry '" + entry + "' is not <Record>/v<N>.avsc");
            }
            Schema schema = parse(loader, RESOURCE_ROOT + entry);
            String expected = NAMESPACE + "." + m.group(1);
            if (!expected.equals(schema.getFullName())) {
                throw new IllegalStateException(RESOURCE_ROOT + entry + " defines " + schema.getFullName()
                        + ", expected " + expected);
            }
            versions.add(SchemaVersion.of(Integer.parseInt(m.group(2)), schema));
        }
        SchemaHistory history = new SchemaHistory(versions);
        LOGGER.debug("Loaded schema history records={} versions={}", history.byRecord.size(), versions.size());
        return history;
    }

    /** Released versions of a record, oldest first; empty when none was released. */
    public List<SchemaVersion> versions(String recordFullName) {
        return byRecord.getOrDefault(recordFullName, List.of());
    }

    /** The released version with this fingerprint, of any record. */
    public Optional<SchemaVersion> find(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** Full names of all records with a released version. */
    public Set<String> recordNames() {
        return byRecord.keySet();
    }

    /** Every version of every record. */
    public List<SchemaVersion> all() {
        return byRecord.values().stream().flatMap(List::stream).toList();
    }

    private static List<String> readIndex(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + INDEX + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    private static Schema parse(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " is listed in "
                        + INDEX + " but missing");
            }
            // a parser per file: every version defines the same named types again
            return new Schema.Parser().parse(in);
        } catch (IOException | SchemaParseException e) {
            throw new IllegalStateException("cannot parse " + resource + ": " + e.getMessage(), e);
        }
    }
}
