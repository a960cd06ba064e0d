package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.SealedKey;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class CertCommandIT {

    private static final String HOST = "email.shop.example";

    @TempDir
    Path home;

    private TestKafka kafka;
    private byte[] ciphertext;
    private Instant notBefore;

    @BeforeEach
    void aLiveCertificate(KafkaCluster cluster) throws Exception {
        // Given a certificate for the host, an older version of it, and one for another host
        kafka = TestKafka.withFreshTopics(cluster.bootstrapServers());
        ciphertext = new byte[64];
        new SecureRandom().nextBytes(ciphertext);
        notBefore = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        kafka.produce(kafka.topics().certificates(), HOST, record(HOST, 1, null));
        kafka.produce(kafka.topics().certificates(), HOST, record(HOST, 2, "aGVsbG8.Xu0eTwoR"));
        kafka.produce(kafka.topics().certificates(), "email.other.example", record("email.other.example", 5, null));
    }

    @Test
    void listShowsEveryHostsNewestCertificate() {
        CliRun run = CliRun.run(kafka.environment(home), "cert", "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("HOST\\s+SENDING DOMAIN\\s+SERIAL\\s+NOT BEFORE\\s+NOT AFTER\\s+DAYS LEFT\\s+"
                + "VERSION\\s+ISSUER");
        assertThat(lines.get(1)).startsWith("email.other.example").contains(" other.example ").contains(" 5 ");
        assertThat(lines.get(2)).startsWith(HOST).contains(" shop.example ", " 5eed1e4f0a11 ", notBefore.toString())
                .matches(".*\\s(79|80)\\s+2\\s+O=Waymark Tests,CN=Test Issuing CA$");
        assertThat(lines).contains("2 certificates");
    }

    @Test
    void showParsesTheChainAndNeverPrintsTheSealedKey() {
        CliRun run = CliRun.run(kafka.environment(home), "cert", "show", "EMAIL.shop.example");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("tracking host    " + HOST, "version          2",
                "ARI cert id      aGVsbG8.Xu0eTwoR", "ARI window       - (the CA offers no ARI)",
                "sealed key       EC-P256, key id k1 (AES-256-GCM; not shown)")
                .contains("chain[0]         leaf", "  subject        CN=" + HOST, "  SANs           DNS:" + HOST,
                        "  issuer         O=Waymark Tests,CN=Test Issuing CA", "  serial         5eed1e4f0a11",
                        "  not before     " + notBefore, "  key            EC, signed SHA256withECDSA")
                .contains("chain[1]         intermediate", "  subject        O=Waymark Tests,CN=Test Issuing CA")
                .doesNotContain(Base64.getEncoder().encodeToString(ciphertext))
                .doesNotContain(HexFormat.of().formatHex(ciphertext));
    }

    @Test
    void showOfAHostWithoutCertificateSaysSo() {
        CliRun run = CliRun.run(kafka.environment(home), "cert", "show", "email.none.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(run.out()).contains("no certificate for email.none.example");
    }

    @Test
    void renewPublishesAReissueOrderForTheHost() {
        CliRun run = CliRun.run(kafka.environment(home), "cert", "renew", HOST);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<ConsumerRecord<String, CertificateOrder>> orders = kafka.readAll(kafka.topics().certOrders());
        assertThat(orders).hasSize(1);
        CertificateOrder order = orders.get(0).value();
        assertThat(orders.get(0).key()).isEqualTo(HOST);
        assertThat(order.getKind()).isEqualTo(CertificateOrderKind.REISSUE);
        assertThat(order.getTrackingHost()).isEqualTo(HOST);
        assertThat(order.getSendingDomain()).isEqualTo("shop.example");
        assertThat(order.getReplacesCertId()).isEqualTo("aGVsbG8.Xu0eTwoR");
        assertThat(run.out()).contains("ordered REISSUE for " + HOST + ": order " + order.getOrderId());
    }

    @Test
    void renewOfAHostWithoutCertificateFailsNamingIt() {
        CliRun run = CliRun.run(kafka.environment(home), "cert", "renew", "email.none.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(run.err()).contains("no certificate for email.none.example").contains("sending domain");
        assertThat(kafka.readAll(kafka.topics().certOrders())).isEmpty();
    }

    @Test
    void renewOfANewHostNeedsItsDomain() {
        CliRun run = CliRun.run(kafka.environment(home), "cert", "renew", "email.new.example", "--domain", "new.example");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<ConsumerRecord<String, CertificateOrder>> orders = kafka.readAll(kafka.topics().certOrders());
        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("email.new.example");
            assertThat(o.value().getKind()).isEqualTo(CertificateOrderKind.REISSUE);
            assertThat(o.value().getSendingDomain()).isEqualTo("new.example");
            assertThat(o.value().getReplacesCertId()).isNull();
        });
    }

    private CertificateRecord record(String host, long version, String ariCertId) throws Exception {
        TestCertificates.Chain chain = TestCertificates.issue(host, notBefore, Duration.ofDays(90));
        return CertificateRecord.newBuilder()
                .setTrackingHost(host)
                .setSendingDomain(host.substring("email.".length()))
                .setCertificateChainPem(chain.pem())
                .setSealedKey(SealedKey.newBuilder().setKeyId("k1").setNonce(ByteBuffer.wrap(new byte[12]))
                        .setCiphertext(ByteBuffer.wrap(ciphertext)).setAlgorithm("EC-P256").build())
                .setSerialHex(chain.leaf().getSerialNumber().toString(16))
                .setNotBefore(notBefore)
                .setNotAfter(notBefore.plus(Duration.ofDays(90)))
                .setAriCertId(ariCertId)
                .setIssuer(chain.leaf().getIssuerX500Principal().getName())
                .setVersion(version)
                .setIssuedAt(notBefore.plusSeconds(5))
                .build();
    }
}
