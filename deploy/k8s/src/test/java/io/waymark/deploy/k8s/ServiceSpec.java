package io.waymark.deploy.k8s;

import io.waymark.common.service.Service;
import io.waymark.edge.EdgeService;
import io.waymark.eventsink.EventSinkService;
import io.waymark.provisioner.ProvisionerService;
import io.waymark.rewriter.RewriterService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a deployment must agree with, for one service, read from the service itself: its
 * {@link Service#defaults()} (admin port; for the renewer, whose classes are not on the test
 * class path, the defaults its config class declares), its README tables (every key it accepts,
 * with the frame's keys of common/README.md; for the renewer also the keys its config class
 * reads), and the container image settings of its POM (image name, main class, ports).
 *
 * @param name       the service's short name, {@code edge}
 * @param module     its folder, {@code edge}
 * @param defaults   its own {@code Service.defaults()}
 * @param readme     the keys its own README documents
 * @param settings   the keys its README and common/README.md document
 * @param pom        the properties of its POM
 * @param artifactId its Maven artifact id, also the image name
 */
record ServiceSpec(String name, Path module, Optional<Map<String, String>> defaults,
                   ReadmeSettings readme, ReadmeSettings settings, Properties pom, String artifactId) {

    static final String VERSION = "0.1.0-SNAPSHOT";

    /** The services, in pipeline order. */
    static final List<String> NAMES = List.of("provisioner", "renewer", "edge", "rewriter", "event-sink");

    /** {@link #NAMES} for parameterized tests: {@code @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")}. */
    static Stream<String> names() {
        return NAMES.stream();
    }

    static List<ServiceSpec> all() {
        return NAMES.stream().map(ServiceSpec::named).toList();
    }

    static ServiceSpec named(String name) {
        Service service = switch (name) {
            case "provisioner" -> new ProvisionerService();
            case "edge" -> new EdgeService();
            case "rewriter" -> new RewriterService();
            case "event-sink" -> new EventSinkService();
            // not on the test class path (see ConfigSource): read from its config class's source
            case "renewer" -> null;
            default -> throw new IllegalArgumentException("no service " + name);
        };
        Path module = DeployFiles.REPO.resolve(name);
        return service != null
                ? of(name, module, service.defaults(), Map.of())
                : renewer(module);
    }

    private static ServiceSpec renewer(Path module) {
        ConfigSource config = ConfigSource.of(module.resolve("src/main/java/io/waymark/renewer/RenewerConfig.java"));
        return of("renewer", module, config.defaults(), config.keys());
    }

    private static ServiceSpec of(String name, Path module, Map<String, String> defaults, Map<String, String> readByConfig) {
        Path readme = module.resolve("README.md");
        ReadmeSettings own = java.nio.file.Files.isRegularFile(readme) || readByConfig.isEmpty()
                ? ReadmeSettings.of(readme) : new ReadmeSettings(Map.of());
        Map<String, String> keys = new HashMap<>(ReadmeSettings.of(DeployFiles.REPO.resolve("common/README.md")).defaults());
        keys.putAll(readByConfig);
        keys.putAll(own.defaults());
        Element project = pom(module.resolve("pom.xml"));
        return new ServiceSpec(name, module, Optional.of(defaults), own,
                new ReadmeSettings(Map.copyOf(keys)), properties(project), child(project, "artifactId"));
    }

    /** The admin port: the service's own default, else the one its README documents. */
    int adminPort() {
        String port = defaults.map(d -> d.get("admin.port"))
                .or(() -> readme.defaultOf("admin.port"))
                .orElseThrow(() -> new AssertionError(name + ": no admin.port default in its Service or README"));
        return Integer.parseInt(port);
    }

    /** {@code waymark-edge:0.1.0-SNAPSHOT}: the image the {@code images} profile builds by default. */
    String image() {
        return artifactId + ":" + VERSION;
    }

    String mainClass() {
        return require("jib.container.mainClass");
    }

    List<Integer> imagePorts() {
        return Arrays.stream(require("jib.container.ports").split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private String require(String property) {
        String value = pom.getProperty(property);
        if (value == null) {
            throw new AssertionError(name + "/pom.xml has no property " + property + " (container image settings)");
        }
        return value;
    }

    private static Element pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
    }

    private static Properties properties(Element project) {
        Properties properties = new Properties();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element e && e.getTagName().equals("properties")) {
                NodeList entries = e.getChildNodes();
                for (int j = 0; j < entries.getLength(); j++) {
                    if (entries.item(j) instanceof Element entry) {
                        properties.setProperty(entry.getTagName(), entry.getTextContent().trim());
                    }
                }
            }
        }
        return properties;
    }

    private static String child(Element project, String tag) {
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        throw new IllegalStateException("no " + tag + " in POM");
    }
}
