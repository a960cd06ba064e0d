package io.waymark.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kubernetes objects read from YAML files, looked up by kind and name. */
record Resources(List<JsonNode> objects) {

    static Resources of(List<Path> files) {
        List<JsonNode> objects = new ArrayList<>();
        files.forEach(f -> objects.addAll(DeployFiles.documents(f)));
        return new Resources(List.copyOf(objects));
    }

    /** The resources of a kustomization directory (its {@code resources:} files, bases resolved recursively). */
    static Resources ofKustomization(Path dir) {
        return of(Kustomization.read(dir).resourceFiles());
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
