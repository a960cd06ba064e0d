package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.CertificateRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes the certificate of a deleted domain at the CA with reason cessationOfOperation
 * (RFC 8555 §7.6, RFC 5280 §5.3.1): the customer stopped using the host, nothing was
 * compromised. Best effort: a failure is logged and counted, the DELETE still removes the
 * certificate from the edge, and the certificate expires on its own.
 */
final class Revoker {

    private static final Logger LOGGER = LoggerFactory.getLogger(Revoker.class);

    private final AcmeAccount account;
    private final ProvisionerMetrics metrics;

    Revoker(AcmeAccount account, ProvisionerMetrics metrics) {
        this.account = requireNonNull(account, "account");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    void revoke(CertificateRecord record) {
        try {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(record.getCertificateChainPem().getBytes(StandardCharsets.US_ASCII)));
            Certificate.revoke(account.login(), leaf, RevocationReason.CESSATION_OF_OPERATION);
            metrics.revocation("revoked");
            LOGGER.info("Certificate revoked trackingHost={} serial={}", record.getTrackingHost(), record.getSerialHex());
        } catch (AcmeServerException e) {
            boolean already = e.getType().toString().endsWith(":alreadyRevoked");
            metrics.revocation(already ? "already_revoked" : "failed");
            LOGGER.warn("Revocation refused trackingHost={} serial={} problem={}", record.getTrackingHost(),
                    record.getSerialHex(), AcmeFailures.describe(e.getProblem()));
        } catch (AcmeException | CertificateException | RuntimeException e) {
            metrics.revocation("failed");
            LOGGER.warn("Revocation failed trackingHost={} serial={} error={}", record.getTrackingHost(),
                    record.getSerialHex(), e.toString());
        }
    }
}
