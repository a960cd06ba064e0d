package io.waymark.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class KafkaProcessIT {

    @Test
    void recordsSurviveSigkillAndRestartOnTheSameDataAndPort(KafkaProcess broker) throws Exception {
        // Given records acknowledged by all (one) replicas
        String topic = KafkaClients.uniqueTopic("crash");
        KafkaClients.createTopic(broker, topic);
        KafkaClients.produce(broker, topic, List.of("before-1", "before-2"));
        String bootstrap = broker.bootstrapServers();
        long firstPid = broker.pid();

        // When the broker is SIGKILLed and restarted
        broker.kill();
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
        broker.restart();

        // Then it is a new process on the same address that still has the records and takes more
        assertThat(broker.pid()).isNotEqualTo(firstPid);
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(KafkaClients.consume(broker, topic, 2)).containsExactly("before-1", "before-2");
        KafkaClients.produce(broker, topic, List.of("after-1"));
        assertThat(KafkaClients.consume(broker, topic, 3)).containsExactly("before-1", "before-2", "after-1");
    }

    @Test
    void closeLeavesNoProcessAndKeepsTheCallersDirectory(@TempDir Path dir) {
        // Given
        KafkaProcess broker = KafkaProcess.start(dir);
        long pid = broker.pid();
        List<ProcessHandle> tree = ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of());

        // When
        broker.close();

        // Then
        assertThat(alive(pid)).isEmpty();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(dir.resolve("kafka.log")).exists();
        assertThat(dir.resolve("data").resolve("meta.properties")).exists();
    }

    @Test
    void aBrokerStartedAgainOnItsDirectoryAndFixedPortsKeepsItsRecords(@TempDir Path dir) throws Exception {
        // Given a broker on chosen ports that took records, then stopped
        int[] ports = FreePorts.distinct(2); // two separate probes can return the same port
        int port = ports[0];
        int controllerPort = ports[1];
        String topic = KafkaClients.uniqueTopic("fixed");
        try (KafkaProcess first = KafkaProcess.start(dir, port, controllerPort)) {
            assertThat(first.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            KafkaClients.createTopic(first, topic);
            KafkaClients.produce(first, topic, List.of("kept"));
        }

        // When a new broker starts on the same directory and ports
        try (KafkaProcess second = KafkaProcess.start(dir, port, controllerPort)) {

            // Then the storage was not formatted again: the records are there
            assertThat(KafkaClients.consume(second, topic, 1)).containsExactly("kept");
        }
    }

    private static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
