package io.waymark.eventsink.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import io.waymark.eventsink.EventSinkConfig.Replication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the sink's versioned CQL migrations ({@code io/waymark/eventsink/cql/V<n>__<name>.cql},
 * listed in order in {@code migrations.txt}) at start-up and records each in
 * {@code <keyspace>.schema_migrations} (version, script, SHA-256, when, by whom).
 *
 * <p>Safe when several instances start at once: the keyspace and the bookkeeping tables are
 * created with {@code IF NOT EXISTS}; the migrations themselves run under a lease in
 * {@code schema_lock} (a lightweight transaction with a TTL, so a crashed holder cannot block
 * the others for long); every statement of a migration is itself idempotent, so even a holder
 * whose lease ran out converges with the next one; the version row is written only after all
 * statements of the version succeeded and the cluster agreed on the schema. An applied
 * migration whose file changed is refused: released migrations are never edited.
 */
public final class SchemaMigrator {

    private static final Logger LOGGER = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String BASE = "/io/waymark/eventsink/cql/";
    private static final Pattern FILE = Pattern.compile("V(\\d{1,6})__([A-Za-z0-9_]+)\\.cql");
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
    private static final int LEASE_SECONDS = 120;

    /** One versioned script. */
    public record Migration(int version, String script, List<String> statements, String checksum) {
    }

    private final CqlSession session;
    private final String keyspace;
    private final Replication replication;
    private final Duration lockWait;
    private final String owner;

    public SchemaMigrator(CqlSession session, String keyspace, Replication replication, Duration lockWait) {
        this.session = Objects.requireNonNull(session, "session");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        this.replication = Objects.requireNonNull(replication, "replication");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
        this.owner = hostName() + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID();
    }

    /** Brings the keyspace to the newest version; returns the versions this call applied. */
    public List<Integer> migrate() throws InterruptedException {
        ddl("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication.toCql());
        warnOnReplicationDrift();
        ddl("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations (version int PRIMARY KEY,"
                + " script text, checksum text, applied_at timestamp, applied_by text)");
        ddl("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_lock (name text PRIMARY KEY, owner text,"
                + " since timestamp)");
        List<Migration> migrations = load(keyspace);
        if (pending(migrations).isEmpty()) {
            return List.of();
        }
        acquireLease();
        try {
            List<Integer> applied = new ArrayList<>();
            for (Migration m : pending(migrations)) {
                LOGGER.atInfo().addKeyValue("keyspace", keyspace).addKeyValue("version", m.version())
                        .addKeyValue("script", m.script()).log("applying schema migration");
                for (String statement : m.statements()) {
                    ddl(statement);
                }
                session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".schema_migrations"
                                + " (version, script, checksum, applied_at, applied_by) VALUES (?, ?, ?, ?, ?)",
                                m.version(), m.script(), m.checksum(), Instant.now(), owner)
                        .setConsistencyLevel(DefaultConsistencyLevel.QUORUM));
                applied.add(m.version());
            }
            return applied;
        } finally {
            releaseLease();
        }
    }

    /** Migrations not yet recorded; fails when a recorded one no longer matches its file. */
    private List<Migration> pending(List<Migration> migrations) {
        Map<Integer, String> recorded = new HashMap<>();
        ResultSet rows = session.execute(SimpleStatement.newInstance(
                "SELECT version, checksum FROM " + keyspace + ".schema_migrations")
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM));
        for (Row row : rows) {
            recorded.put(row.getInt("version"), row.getString("checksum"));
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration m : migrations) {
            String checksum = recorded.get(m.version());
            if (checksum == null) {
                pending.add(m);
            } else if (!checksum.equals(m.checksum())) {
                throw new IllegalStateException("schema migration " + m.script() + " was changed after it was applied"
                        + " to keyspace " + keyspace + " (recorded sha256 " + checksum + ", file " + m.checksum()
                        + "); add a new version instead");
            }
        }
        return pending;
    }

    private void acquireLease() throws InterruptedException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        String holder = null;
        while (true) {
            Row row = session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".schema_lock"
                    + " (name, owner, since) VALUES ('migrations', ?, ?) IF NOT EXISTS USING TTL " + LEASE_SECONDS,
                    owner, Instant.now())).one();
            if (row != null && row.getBoolean("[applied]")) {
                return;
            }
            String current = row == null ? null : row.getString("owner");
            if (!Objects.equals(current, holder)) {
                holder = current;
                LOGGER.atInfo().addKeyValue("holder", holder).log("waiting for another instance's schema migration");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("schema migration lease of keyspace " + keyspace + " held by "
                        + holder + " for longer than " + lockWait);
            }
            Thread.sleep(250);
        }
    }

    private void releaseLease() {
        try {
            session.execute(SimpleStatement.newInstance("DELETE FROM " + keyspace + ".schema_lock"
                    + " WHERE name = 'migrations' IF owner = ?", owner));
        } catch (RuntimeException e) {
            LOGGER.atWarn().setCause(e).log("could not release the schema migration lease; it expires by itself");
        }
    }

    private void ddl(String cql) {
        ResultSet result = session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
        if (!result.getExecutionInfo().isSchemaInAgreement() && !session.checkSchemaAgreement()) {
            throw new IllegalStateException("the cluster did not agree on the schema after: "
                    + cql.lines().findFirst().orElse(cql));
        }
    }

    private void warnOnReplicationDrift() {
        Optional<KeyspaceMetadata> meta = session.refreshSchema().getKeyspace(keyspace);
        meta.ifPresent(ks -> {
            Map<String, String> actual = ks.getReplication();
            String wanted = replication.toCql();
            boolean same = actual.getOrDefault("class", "").endsWith(replication.strategy())
                    && replication.factors().entrySet().stream()
                    .allMatch(e -> String.valueOf(e.getValue()).equals(actual.get(e.getKey())));
            if (!same) {
                LOGGER.atWarn().addKeyValue("keyspace", keyspace).addKeyValue("actual", actual)
                        .addKeyValue("configured", wanted)
                        .log("keyspace replication differs from cassandra.replication; not altered, an operator decides");
            }
        });
    }

    /** Reads every migration named in {@code migrations.txt}, in order, with the keyspace substituted. */
    public static List<Migration> load(String keyspace) {
        List<Migration> migrations = new ArrayList<>();
        int previous = 0;
        for (String line : resource("migrations.txt").split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("migration file name " + name + " does not match " + FILE);
            }
            int version = Integer.parseInt(m.group(1));
            if (version <= previous) {
                throw new IllegalStateException("migration " + name + " is out of order after version " + previous);
            }
            previous = version;
            String text = resource(name);
            migrations.add(new Migration(version, name, statements(text.replace("${keyspace}", keyspace)),
                    sha256(text)));
        }
        return List.copyOf(migrations);
    }

    /** Splits a script into statements: {@code --} comments dropped, {@code ;} at a line end ends one. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String code = line.strip();
            if (code.startsWith("--") || code.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (code.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration ends without ';': " + current.toString().strip());
        }
        return statements;
    }

    private static String resource(String name) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
