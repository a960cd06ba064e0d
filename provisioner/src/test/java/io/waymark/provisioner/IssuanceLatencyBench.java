package io.waymark.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.PebbleExtension;
import io.waymark.schemas.DomainState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enable → ISSUED latency against Pebble (PEBBLE_VA_NOSLEEP=1) with real Kafka and real HTTP-01,
 * measured from the producer's send of ENABLE_HTTPS to the ISSUED status arriving at a consumer.
 * The peer is {@link BareAcmePeer}: the same issuance with acme4j alone, same Pebble, same run.
 * Not a test (it asserts only that everything was issued) and not part of {@code verify}; run:
 *
 * <pre>
 * ./mvnw -B -o -pl provisioner verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=IssuanceLatencyBench -Dwaymark.skipNonceReject=true
 * </pre>
 *
 * Results go to standard output and {@code target/provisioner-latency.txt}.
 */
@ExtendWith({KafkaExtension.class, PebbleExtension.class})
class IssuanceLatencyBench {

    private static final int WARMUP = 3;
    private static final int SINGLE_RUNS = 30;
    private static final int BULK = 100;

    @TempDir
    Path directory;

    @Test
    void enableToIssuedLatency(KafkaCluster kafka, AcmeServer acme) throws Exception {
        // the peer first: it needs the validation port the harness's responder takes afterwards
        List<Long> peerSingle = new ArrayList<>();
        List<Long> peerBulk;
        long peerBulkWall;
        String peerRun = "peer-" + UUID.randomUUID().toString().substring(0, 6);
        try (BareAcmePeer peer = new BareAcmePeer(acme)) {
            for (int i = 0; i < WARMUP; i++) {
                peer.issue("email." + peerRun + "-w" + i + ".com");
            }
            for (int i = 0; i < SINGLE_RUNS; i++) {
                long start = System.nanoTime();
                peer.issue("email." + peerRun + "-s" + i + ".com");
                peerSingle.add(System.nanoTime() - start);
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long bulkStart = System.nanoTime();
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < BULK; i++) {
                String host = "email." + peerRun + "-b" + i + ".com";
                futures.add(pool.submit(() -> {
                    peer.issue(host);
                    return System.nanoTime() - bulkStart;
                }));
            }
            peerBulk = new ArrayList<>();
            for (Future<Long> future : futures) {
                peerBulk.add(future.get(5, TimeUnit.MINUTES));
            }
            peerBulkWall = System.nanoTime() - bulkStart;
            pool.shutdown();
        }

        try (ProvisionerHarness harness = new ProvisionerHarness(kafka, acme, directory,
                Map.of("provisioner.concurrency", "8"))) {
            harness.startResponder().startProvisioner();
            String run = "bench-" + UUID.randomUUID().toString().substring(0, 6);

            for (int i = 0; i < WARMUP; i++) {
                one(harness, run + "-w" + i + ".com");
            }
            List<Long> single = new ArrayList<>();
            for (int i = 0; i < SINGLE_RUNS; i++) {
                single.add(one(harness, run + "-s" + i + ".com"));
            }

            List<String> domains = IntStream.range(0, BULK).mapToObj(i -> run + "-b" + i + ".com").toList();
            List<Long> sent = new ArrayList<>();
            long bulkStart = System.nanoTime();
            for (String domain : domains) {
                sent.add(System.nanoTime());
                harness.enable(domain, "email." + domain);
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> domains.stream().allMatch(d -> issuedAt(harness, d).isPresent()));
            long bulkWall = System.nanoTime() - bulkStart;
            List<Long> bulk = new ArrayList<>();
            for (int i = 0; i < BULK; i++) {
                bulk.add(issuedAt(harness, domains.get(i)).orElseThrow() - sent.get(i));
            }

            String report = String.format(
                    "provisioner, single domain, %d sequential runs: p50 %d ms, p99 %d ms, min %d ms, max %d ms%n"
                            + "provisioner, %d domains at once: p50 %d ms, p99 %d ms, all issued after %d ms (%.1f/s)%n"
                            + "peer (acme4j alone), single: p50 %d ms, p99 %d ms, min %d ms, max %d ms%n"
                            + "peer (acme4j alone, 8 threads), %d at once: p50 %d ms, p99 %d ms, all after %d ms (%.1f/s)%n",
                    SINGLE_RUNS, percentile(single, 50), percentile(single, 99), percentile(single, 0),
                    percentile(single, 100), BULK, percentile(bulk, 50), percentile(bulk, 99), bulkWall / 1_000_000,
                    BULK / (bulkWall / 1e9),
                    percentile(peerSingle, 50), percentile(peerSingle, 99), percentile(peerSingle, 0),
                    percentile(peerSingle, 100), BULK, percentile(peerBulk, 50), percentile(peerBulk, 99),
                    peerBulkWall / 1_000_000, BULK / (peerBulkWall / 1e9));
            System.out.print(report);
            write(report);
            assertThat(harness.ordersPlaced()).isEqualTo(WARMUP + SINGLE_RUNS + BULK);
        }
    }

    private static long one(ProvisionerHarness harness, String domain) throws Exception {
        long start = System.nanoTime();
        harness.enable(domain, "email." + domain);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> issuedAt(harness, domain).isPresent());
        return issuedAt(harness, domain).orElseThrow() - start;
    }

    private static Optional<Long> issuedAt(ProvisionerHarness harness, String domain) {
        return harness.recorder.statuses(domain).stream()
                .filter(s -> s.value() != null && s.value().getState() == DomainState.ISSUED)
                .map(TopicRecorder.Seen::receivedNanos).findFirst();
    }

    private static long percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000;
    }

    private static void write(String report) throws IOException {
        Path target = Path.of("target", "provisioner-latency.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, report);
    }
}
