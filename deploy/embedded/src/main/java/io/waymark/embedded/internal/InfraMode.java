package io.waymark.embedded.internal;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Where the shared servers come from: processes started from jars and binaries on this
 * machine, or Testcontainers. Chosen by the system property {@value #PROPERTY}
 * ({@code embedded}, {@code containers} or {@code auto}, the default); {@code auto} picks
 * containers when a Docker engine answers.
 */
public enum InfraMode {
    EMBEDDED,
    CONTAINERS;

    /** The system property that forces a mode. */
    public static final String PROPERTY = "waymark.infra";

    private static final Logger LOGGER = LoggerFactory.getLogger(InfraMode.class);
    private static volatile InfraMode selected;

    /** The mode for this JVM, decided once. */
    public static InfraMode selected() {
        InfraMode mode = selected;
        if (mode == null) {
            synchronized (InfraMode.class) {
                mode = selected;
                if (mode == null) {
                    mode = decide(System.getProperty(PROPERTY, "auto"));
                    LOGGER.info("Shared test infrastructure mode={} ({}={})", mode, PROPERTY,
                            System.getProperty(PROPERTY, "auto"));
                    selected = mode;
                }
            }
        }
        return mode;
    }

    static InfraMode decide(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "embedded":
                return EMBEDDED;
            case "containers":
                return CONTAINERS;
            case "auto":
            case "":
                return dockerAnswers() ? CONTAINERS : EMBEDDED;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be embedded, containers or auto, not '"
                        + value + "'");
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOGGER.debug("Docker probe failed, using embedded servers", e);
            return false;
        }
    }
}
