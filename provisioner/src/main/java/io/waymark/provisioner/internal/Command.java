package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import io.waymark.schemas.CertificateOrderKind;
import java.time.Instant;
import java.util.Optional;

/**
 * What one input record asks the provisioner to do, after decoding and validation. Every
 * command names the sending domain: work for one domain runs one command at a time, in order.
 */
sealed interface Command {

    /** The key work is serialized on, and the key of the domain-status record. */
    String sendingDomain();

    /** ENABLE_HTTPS, or a CertificateOrder: obtain a certificate for the host. */
    record Issue(Hostname domain, Hostname host, CertificateOrderKind kind, String orderId,
                 Optional<String> replacesCertId, Instant requestedAt, boolean fromEvent) implements Command {

        public Issue {
            requireNonNull(domain, "domain");
            requireNonNull(host, "host");
            requireNonNull(kind, "kind");
            requireNonNull(orderId, "orderId");
            requireNonNull(replacesCertId, "replacesCertId");
            requireNonNull(requestedAt, "requestedAt");
        }

        @Override
        public String sendingDomain() {
            return domain.ascii();
        }

        IssuanceRequest request() {
            return new IssuanceRequest(host, domain, kind, orderId, replacesCertId);
        }
    }

    /** DISABLE_HTTPS: no new https:// links and no renewals; the certificate stays served. */
    record Disable(Hostname domain) implements Command {
        @Override
        public String sendingDomain() {
            return domain.ascii();
        }
    }

    /** DELETE: remove the certificate and the status, revoke at the CA. */
    record Delete(Hostname domain, Optional<Hostname> host) implements Command {
        @Override
        public String sendingDomain() {
            return domain.ascii();
        }
    }

    /** Input a person must fix: answered with DomainStatus FAILED, no ACME traffic. */
    record Reject(String sendingDomain, Optional<String> host, String reason) implements Command {
    }
}
