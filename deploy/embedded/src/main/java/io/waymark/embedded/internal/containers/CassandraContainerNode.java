package io.waymark.embedded.internal.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.waymark.embedded.CassandraNode;
import io.waymark.embedded.internal.Poll;
import io.waymark.embedded.internal.cassandra.CqlProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared Cassandra as a {@code cassandra:5.0} container, used when a Docker engine
 * answers. {@link #stop()} and {@link #start()} stop and start the same container (same
 * volume), so data survives; the host port may change across a restart, which is why
 * {@link #contactPoint()} asks Docker every time.
 */
public final class CassandraContainerNode implements CassandraNode, AutoCloseable {

    /** Overrides the image. */
    public static final String IMAGE_PROPERTY = "waymark.cassandra.image";
    private static final String DEFAULT_IMAGE = "cassandra:5.0";
    private static final int CQL_PORT = 9042;

    private final CassandraContainer container;

    private CassandraContainerNode(CassandraContainer container) {
        this.container = container;
    }

    public static CassandraContainerNode launch() {
        CassandraContainer container = new CassandraContainer(
                DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE))
                        .asCompatibleSubstituteFor("cassandra"))
                .withEnv("MAX_HEAP_SIZE", "512M")
                .withEnv("HEAP_NEWSIZE", "128M");
        container.start();
        return new CassandraContainerNode(container);
    }

    @Override
    public InetSocketAddress contactPoint() {
        DockerClient docker = container.getDockerClient();
        Ports.Binding[] bindings = docker.inspectContainerCmd(container.getContainerId()).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(CQL_PORT));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("Cassandra container has no CQL port binding (stopped?)");
        }
        return new InetSocketAddress(container.getHost(), Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    @Override
    public String localDatacenter() {
        return container.getLocalDatacenter();
    }

    @Override
    public void stop() {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(60).exec();
    }

    @Override
    public void start() {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        Poll.until("Cassandra container CQL", Duration.ofSeconds(180),
                () -> CqlProbe.answers(contactPoint(), localDatacenter()));
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "CassandraContainerNode[" + container.getDockerImageName() + "]";
    }
}
