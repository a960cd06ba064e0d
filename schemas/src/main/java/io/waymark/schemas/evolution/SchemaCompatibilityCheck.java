package io.waymark.schemas.evolution;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks that a record's current schema and every released version of it can read each other's
 * data, in both directions:
 * <ul>
 *   <li><b>backward</b>: the current schema (a new consumer) reads what a released producer wrote;</li>
 *   <li><b>forward</b>: a released schema (a consumer not yet upgraded, or rolled back) reads what the
 *       current producer writes, once that consumer knows the new writer schema.</li>
 * </ul>
 * Each problem names the record, the version, the direction and the field, e.g.
 * {@code io.waymark.schemas.DomainEvent vs v1, backward: field 'sendingDomain' (/fields/2/type):
 * TYPE_MISMATCH ...}. A unit test runs {@link #checkAll} over the shipped history so an
 * incompatible edit fails the build.
 */
public final class SchemaCompatibilityCheck {

    private SchemaCompatibilityCheck() {
    }

    /** Checks every current top-level record against the history shipped in this jar. */
    public static CompatibilityResult checkShipped() {
        return checkAll(CurrentSchemas.all(), SchemaHistory.shipped());
    }

    /**
     * Checks each current schema against all its released versions, and that each current
     * schema is itself released: a changed schema needs a new {@code history/<Record>/v<N>.avsc}
     * in the same change, or consumers built from the previous release could not resolve it.
     */
    public static CompatibilityResult checkAll(Collection<Schema> current, SchemaHistory history) {
        List<String> problems = new ArrayList<>();
        for (Schema schema : current) {
            List<SchemaVersion> released = history.versions(schema.getFullName());
            if (released.isEmpty()) {
                problems.add(schema.getFullName() + ": no released version in history; add history/"
                        + schema.getName() + "/v1.avsc and list it in history/index.txt");
                continue;
            }
            SchemaVersion currentVersion = SchemaVersion.of(1, schema);
            boolean listed = released.stream().anyMatch(v -> v.fingerprint() == currentVersion.fingerprint());
            if (!listed) {
                int next = released.get(released.size() - 1).version() + 1;
                problems.add(schema.getFullName() + ": current schema (fingerprint "
                        + currentVersion.fingerprintHex() + ") is not in history; copy it to history/"
                        + schema.getName() + "/v" + next + ".avsc and list it in history/index.txt");
            }
            problems.addAll(check(schema, released).problems());
        }
        return new CompatibilityResult(problems);
    }

    /** Checks {@code current} both ways against each of {@code released}. */
    public static CompatibilityResult check(Schema current, List<SchemaVersion> released) {
        requireNonNull(current, "current");
        List<String> problems = new ArrayList<>();
        for (SchemaVersion version : released) {
            problems.addAll(compare(current, version, "backward", current, version.schema()));
            problems.addAll(compare(current, version, "forward", version.schema(), current));
        }
        return new CompatibilityResult(problems);
    }

    private static List<String> compare(Schema current, SchemaVersion version, String direction,
                                        Schema reader, Schema writer) {
        List<String> problems = new ArrayList<>();
        List<Incompatibility> found = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities();
        for (Incompatibility i : found) {
            String field = FieldLocation.describe(reader, i.getLocation());
            problems.add(current.getFullName() + " vs v" + version.version() + ", " + direction + " ("
                    + ("backward".equals(direction) ? "current reads v" + version.version()
                            : "v" + version.version() + " reads current")
                    + "): " + field + " (" + i.getLocation() + "): " + i.getType() + ": " + i.getMessage());
        }
        return problems;
    }
}
