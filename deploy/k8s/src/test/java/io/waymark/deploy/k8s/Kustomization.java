package io.waymark.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code kustomization.yaml} as far as the tests resolve it without kustomize: the resources
 * (files, or directories holding a kustomization of their own), components and patch files it
 * names, relative to its directory.
 */
record Kustomization(Path dir, JsonNode spec) {

    static Kustomization read(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(DeployFiles.REPO.relativize(dir) + " has no kustomization.yaml");
        }
        return new Kustomization(dir, DeployFiles.document(file));
    }

    /** Entries of {@code resources:} and {@code components:} as paths. */
    List<Path> references() {
        List<Path> paths = new ArrayList<>();
        for (String field : List.of("resources", "components")) {
            spec.path(field).forEach(entry -> paths.add(dir.resolve(entry.asText()).normalize()));
        }
        return paths;
    }

    /** The files of {@code patches:} entries that name a path (inline patches have none). */
    List<Path> patchFiles() {
        List<Path> paths = new ArrayList<>();
        spec.path("patches").forEach(p -> {
            if (p.has("path")) {
                paths.add(dir.resolve(p.path("path").asText()).normalize());
            }
        });
        return paths;
    }

    /** Every resource file, following directory references into their kustomizations. */
    List<Path> resourceFiles() {
        List<Path> files = new ArrayList<>();
        for (Path reference : references()) {
            if (Files.isDirectory(reference)) {
                files.addAll(read(reference).resourceFiles());
            } else {
                files.add(reference);
            }
        }
        return files;
    }
}
