package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization (bases, overlays, components) resolves without kustomize: what it names
 * exists and parses, and what its patches, images and replicas refer to is in what it builds.
 */
class KustomizationTest {

    static Stream<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(DeployFiles.K8S)) {
            List<Path> dirs = files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent)
                    .filter(p -> !p.startsWith(DeployFiles.K8S.resolve("target")))
                    .sorted().toList();
            assertThat(dirs).extracting(d -> DeployFiles.K8S.relativize(d).toString())
                    .contains("base", "infra", "overlays/dev", "overlays/prod", "components/proxy-protocol-aws");
            return dirs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyReferencedFileExistsAndEveryObjectIsComplete(Path dir) {
        // Given a kustomization
        Kustomization kustomization = Kustomization.read(dir);

        // Then every resource and component it names exists (a directory with its own kustomization)
        for (Path reference : kustomization.references()) {
            assertThat(Files.isRegularFile(reference) || Files.isRegularFile(reference.resolve("kustomization.yaml")))
                    .as("%s names %s", DeployFiles.REPO.relativize(dir), reference).isTrue();
        }
        // and every object it builds parses and has apiVersion, kind and name
        for (JsonNode object : Resources.of(kustomization.resourceFiles()).objects()) {
            assertThat(object.path("apiVersion").asText()).as("apiVersion of %s", object.path("metadata")).isNotBlank();
            assertThat(object.path("kind").asText()).as("kind of %s", object.path("metadata")).isNotBlank();
            assertThat(Resources.name(object)).as("name of a %s", object.path("kind")).isNotBlank();
        }
        for (Path patch : kustomization.patchFiles()) {
            assertThat(patch).as("patch of %s", DeployFiles.REPO.relativize(dir)).isRegularFile();
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void patchesImagesAndReplicasReferToObjectsItBuilds(Path dir) {
        // Given what the kustomization builds (a component: what the prod overlay builds with it)
        Kustomization kustomization = Kustomization.read(dir);
        boolean component = "Component".equals(kustomization.spec().path("kind").asText());
        Resources built = component
                ? Resources.of(concat(Kustomization.read(DeployFiles.K8S.resolve("overlays/prod")).resourceFiles(),
                        Kustomization.read(DeployFiles.K8S.resolve("infra")).resourceFiles()))
                : Resources.of(kustomization.resourceFiles());
        Set<String> kindAndName = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        Set<String> images = new HashSet<>();
        for (JsonNode object : built.objects()) {
            kindAndName.add(object.path("kind").asText() + "/" + Resources.name(object));
            kinds.add(object.path("kind").asText());
            object.findValues("containers").forEach(cs -> cs.forEach(c -> images.add(c.path("image").asText().split(":")[0])));
        }

        // Then every strategic-merge patch targets an object that exists
        for (Path patch : kustomization.patchFiles()) {
            for (JsonNode object : DeployFiles.documents(patch)) {
                assertThat(kindAndName).as("target of %s", DeployFiles.REPO.relativize(patch))
                        .contains(object.path("kind").asText() + "/" + Resources.name(object));
            }
        }
        // every inline patch's target kind exists
        kustomization.spec().path("patches").forEach(p -> {
            if (p.has("target")) {
                assertThat(kinds).contains(p.path("target").path("kind").asText());
            }
        });
        // every image rewrite names an image a container runs, every replica count a Deployment
        kustomization.spec().path("images").forEach(i -> assertThat(images).contains(i.path("name").asText()));
        kustomization.spec().path("replicas").forEach(r ->
                assertThat(kindAndName).contains("Deployment/" + r.path("name").asText()));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void overlaysPlaceEverythingInTheirOwnNamespace(Path dir) {
        Kustomization kustomization = Kustomization.read(dir);
        if (!dir.startsWith(DeployFiles.K8S.resolve("overlays"))) {
            assertThat(kustomization.spec().has("namespace")).as("a base leaves the namespace to overlays").isFalse();
            return;
        }
        String namespace = kustomization.spec().path("namespace").asText();
        assertThat(namespace).isNotBlank();
        assertThat(Resources.of(kustomization.resourceFiles()).find("Namespace", namespace)).isPresent();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
