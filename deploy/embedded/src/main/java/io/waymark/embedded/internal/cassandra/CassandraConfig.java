package io.waymark.embedded.internal.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code cassandra.yaml} of a one-node cluster on loopback with every directory under one
 * run directory. {@code cassandra-all} ships no yaml; everything not named here keeps
 * Cassandra's default.
 */
public record CassandraConfig(int storagePort, int nativePort, Path directory) {

    /** The data center {@code SimpleSnitch} reports. */
    public static final String DATACENTER = "datacenter1";

    public Path write() {
        Path file = directory.resolve("cassandra.yaml");
        String dir = directory.toAbsolutePath().toString();
        String yaml = String.join("\n",
                "cluster_name: waymark",
                "num_tokens: 1",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                "endpoint_snitch: SimpleSnitch",
                "seed_provider: [{class_name: org.apache.cassandra.locator.SimpleSeedProvider, parameters: [{seeds: \"127.0.0.1:"
                        + storagePort + "\"}]}]",
                "listen_address: 127.0.0.1",
                "rpc_address: 127.0.0.1",
                "storage_port: " + storagePort,
                "native_transport_port: " + nativePort,
                "start_native_transport: true",
                "data_file_directories: [" + quoted(dir + "/data") + "]",
                "commitlog_directory: " + quoted(dir + "/commitlog"),
                "saved_caches_directory: " + quoted(dir + "/saved_caches"),
                "hints_directory: " + quoted(dir + "/hints"),
                "cdc_raw_directory: " + quoted(dir + "/cdc_raw"),
                "");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String quoted(String path) {
        return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
