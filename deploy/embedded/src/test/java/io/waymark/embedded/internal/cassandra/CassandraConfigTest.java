package io.waymark.embedded.internal.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraConfigTest {

    @Test
    void yamlPutsPortsOnLoopbackAndEveryDirectoryUnderTheRunDirectory(@TempDir Path dir) throws Exception {
        // Given
        CassandraConfig config = new CassandraConfig(17000, 19042, dir);

        // When
        String yaml = Files.readString(config.write());

        // Then
        assertThat(yaml)
                .contains("storage_port: 17000", "native_transport_port: 19042", "listen_address: 127.0.0.1",
                        "rpc_address: 127.0.0.1", "seeds: \"127.0.0.1:17000\"", "endpoint_snitch: SimpleSnitch")
                .contains("data_file_directories: [\"" + dir + "/data\"]",
                        "commitlog_directory: \"" + dir + "/commitlog\"",
                        "hints_directory: \"" + dir + "/hints\"");
        assertThat(CassandraConfig.DATACENTER).isEqualTo("datacenter1");
    }
}
