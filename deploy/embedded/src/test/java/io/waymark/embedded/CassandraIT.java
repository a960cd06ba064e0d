package io.waymark.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CassandraExtension.class)
class CassandraIT {

    @Test
    void writesAreReadBackAndSurviveARestart(CassandraNode cassandra) {
        // Given a keyspace and table of our own on the shared node
        String keyspace = "it_" + UUID.randomUUID().toString().replace("-", "");
        try (CqlSession session = connect(cassandra)) {
            session.execute("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE " + keyspace + ".clicks (message_id text, link int, url text,"
                    + " PRIMARY KEY (message_id, link))");

            // When
            session.execute("INSERT INTO " + keyspace + ".clicks (message_id, link, url) VALUES ('m-1', 0, 'https://a.example')");
            session.execute("INSERT INTO " + keyspace + ".clicks (message_id, link, url) VALUES ('m-1', 1, 'https://b.example')");

            // Then
            assertThat(urls(session, keyspace)).containsExactly("https://a.example", "https://b.example");
        }

        // When the node is stopped and started again
        long pidBefore = cassandra instanceof CassandraProcess ? ((CassandraProcess) cassandra).pid() : -1;
        cassandra.restart();

        // Then a new session on the same contact point reads the same rows
        if (cassandra instanceof CassandraProcess) {
            assertThat(ProcessHandle.of(pidBefore).filter(ProcessHandle::isAlive)).isEmpty();
        }
        try (CqlSession session = connect(cassandra)) {
            assertThat(urls(session, keyspace)).containsExactly("https://a.example", "https://b.example");
        }
    }

    @Test
    void nodeReportsTheDatacenterTheDriverNeeds(CassandraNode cassandra) {
        // Given / When
        try (CqlSession session = connect(cassandra)) {
            Row local = session.execute("SELECT data_center, release_version FROM system.local").one();

            // Then
            assertThat(local.getString("data_center")).isEqualTo(cassandra.localDatacenter()).isEqualTo("datacenter1");
            assertThat(local.getString("release_version")).startsWith("5.0");
        }
    }

    private static CqlSession connect(CassandraNode cassandra) {
        return CqlSession.builder()
                .addContactPoint(cassandra.contactPoint())
                .withLocalDatacenter(cassandra.localDatacenter())
                // DDL waits for schema agreement; on a busy 2-core CI machine that can take longer
                // than the driver's 2 s default, which would fail the test for the wrong reason
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        .build())
                .build();
    }

    private static List<String> urls(CqlSession session, String keyspace) {
        return session.execute("SELECT url FROM " + keyspace + ".clicks WHERE message_id = 'm-1'").all().stream()
                .map(row -> row.getString("url"))
                .collect(Collectors.toList());
    }
}
