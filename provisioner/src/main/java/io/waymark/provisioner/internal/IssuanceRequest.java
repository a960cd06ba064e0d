package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import io.waymark.schemas.CertificateOrderKind;
import java.util.Optional;

/**
 * One certificate to obtain, as the issuer sees it, whatever asked for it (an ENABLE_HTTPS event
 * or a CertificateOrder).
 *
 * @param trackingHost    the single name of the certificate
 * @param sendingDomain   the owner, for the status record
 * @param kind            NEW, RENEWAL or REISSUE
 * @param orderId         our id of this order, for tracing (the AcmeChallenge carries it)
 * @param replacesCertId  ARI CertID of the certificate replaced (RFC 9773 §5), for renewals
 */
public record IssuanceRequest(Hostname trackingHost, Hostname sendingDomain, CertificateOrderKind kind,
                              String orderId, Optional<String> replacesCertId) {

    public IssuanceRequest {
        requireNonNull(trackingHost, "trackingHost");
        requireNonNull(sendingDomain, "sendingDomain");
        requireNonNull(kind, "kind");
        requireNonNull(orderId, "orderId");
        requireNonNull(replacesCertId, "replacesCertId");
    }

    /** True for a renewal that names its predecessor, exempt from some CA limits. */
    public boolean isAriRenewal() {
        return kind == CertificateOrderKind.RENEWAL && replacesCertId.isPresent();
    }
}
