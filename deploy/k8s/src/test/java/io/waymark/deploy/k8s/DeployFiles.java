package io.waymark.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the deployment files are and how the tests read them: every YAML document of a file as a
 * Jackson tree (a file that does not parse fails the test that reads it, naming the file).
 */
final class DeployFiles {

    /** {@code deploy/k8s}: surefire runs with the module as working directory. */
    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path REPO = K8S.resolve("../..").normalize();
    static final Path COMPOSE = REPO.resolve("deploy/compose");
    static final Path MONITORING = REPO.resolve("deploy/monitoring");

    private static final YAMLMapper YAML = new YAMLMapper();

    private DeployFiles() {
    }

    /** The non-empty YAML documents of a file, in order. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + REPO.relativize(file), e);
        }
        return documents;
    }

    /** The single document of a file. */
    static JsonNode document(Path file) {
        List<JsonNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(REPO.relativize(file) + " holds " + documents.size() + " documents, expected 1");
        }
        return documents.get(0);
    }

    /** Every {@code *.yaml} file below a directory, sorted. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.startsWith(dir.resolve("target")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
