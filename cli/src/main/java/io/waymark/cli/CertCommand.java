package io.waymark.cli;

import io.waymark.cli.internal.KafkaConnection;
import io.waymark.cli.internal.KafkaOptions;
import io.waymark.cli.internal.TopicReader;
import io.waymark.common.host.Hostname;
import io.waymark.renewer.RenewNow;
import io.waymark.schemas.CertificateRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code waymark cert list|show|renew}: the live certificates of the compacted
 * {@code certificates} topic, and an early reissue. Sealed private keys are never printed.
 */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "List and show the live certificates, or order a new one for a tracking host.",
        subcommands = {CertCommand.ListCertificates.class, CertCommand.Show.class, CertCommand.Renew.class})
public final class CertCommand {

    private CertCommand() {
    }

    /** {@code cert list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every live certificate (newest record per tracking host on certificates): host, sending "
                    + "domain, serial, notBefore, notAfter, days left, version, issuer.")
    static final class ListCertificates extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() {
            try (KafkaConnection connection = kafka.connect(environment())) {
                List<CertificateRecord> records = new ArrayList<>();
                new TopicReader<>(connection, connection.topics().certificates(), err()).latestByKey().values()
                        .forEach(e -> records.add(e.value()));
                records.sort(Comparator.comparing(CertificateRecord::getTrackingHost));
                print(records, Instant.now(), out());
                return ExitCodes.OK;
            }
        }

        static void print(List<CertificateRecord> records, Instant now, PrintWriter out) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"HOST", "SENDING DOMAIN", "SERIAL", "NOT BEFORE", "NOT AFTER", "DAYS LEFT",
                    "VERSION", "ISSUER"});
            for (CertificateRecord r : records) {
                rows.add(new String[] {r.getTrackingHost(), r.getSendingDomain(), r.getSerialHex(),
                        r.getNotBefore().toString(), r.getNotAfter().toString(), daysLeft(r.getNotAfter(), now),
                        Long.toString(r.getVersion()), r.getIssuer()});
            }
            int[] widths = new int[rows.get(0).length];
            rows.forEach(row -> {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            });
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            out.printf("%d certificates%n", records.size());
            out.flush();
        }

        static String daysLeft(Instant notAfter, Instant now) {
            if (!notAfter.isAfter(now)) {
                return "expired";
            }
            return Long.toString(Duration.between(now, notAfter).toDays());
        }
    }

    /** A command about one tracking host. */
    abstract static class HostCommand extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", paramLabel = "HOST", description = "The tracking host, e.g. email.shop.example.")
        String host;
    }

    /** {@code cert show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The live certificate of HOST: the record's fields (ARI window, versions, the sealed key's "
                    + "key id and algorithm, never its bytes) and every certificate of the chain (subject, issuer, "
                    + "SANs, validity). Exit 1 when HOST has no certificate.")
    static final class Show extends HostCommand {

        @Override
        public Integer call() {
            Hostname trackingHost = hostname("HOST", host);
            try (KafkaConnection connection = kafka.connect(environment())) {
                Optional<TopicReader.Entry<CertificateRecord>> record = new TopicReader<>(connection,
                        connection.topics().certificates(), err()).latestOf(trackingHost.ascii());
                if (record.isEmpty()) {
                    out().println("no certificate for " + trackingHost.ascii());
                    return ExitCodes.NEGATIVE;
                }
                return CertificateView.print(record.get().value(), Instant.now(), out())
                        ? ExitCodes.OK : ExitCodes.NEGATIVE;
            }
        }
    }

    /** {@code cert renew}. */
    @Command(name = "renew", mixinStandardHelpOptions = true,
            description = "Replace the certificate of HOST now: publishes a CertificateOrder REISSUE (key: HOST) to "
                    + "cert-orders for the provisioner (the renewer's RenewNow), naming the current certificate's ARI "
                    + "id when it has one. The sending domain comes from the host's certificate; exit 1 when it has "
                    + "none and --domain is not given.")
    static final class Renew extends HostCommand {

        @Option(names = "--domain", paramLabel = "DOMAIN",
                description = "Sending domain that owns HOST (default: taken from HOST's current certificate).")
        String domain;

        @Override
        public Integer call() {
            Hostname trackingHost = hostname("HOST", host);
            Optional<String> sendingDomain = Optional.ofNullable(domain).map(d -> hostname("--domain", d).ascii());
            try (KafkaConnection connection = kafka.connect(environment())) {
                String orderId = new RenewNow(connection.clientSettings(), connection.topics(), Clock.systemUTC(),
                        connection.timeout()).reissue(trackingHost.ascii(), sendingDomain);
                out().printf("ordered REISSUE for %s: order %s on %s%n", trackingHost.ascii(), orderId,
                        connection.topics().certOrders().name());
                out().flush();
                return ExitCodes.OK;
            } catch (RenewNow.RenewNowException e) {
                err().println("waymark cert renew: " + e.getMessage());
                return ExitCodes.NEGATIVE;
            }
        }
    }
}
