package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.seal.SealedKey;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Builds the records the provisioner publishes: the {@link CertificateRecord} with its key sealed
 * for the tracking host (the key's plaintext is wiped right after), and {@link DomainStatus}
 * records with the next version.
 */
final class RecordFactory {

    private static final Base64.Encoder PEM = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeySealer sealer;
    private final StateView view;
    private final Clock clock;

    RecordFactory(KeySealer sealer, StateView view, Clock clock) {
        this.sealer = requireNonNull(sealer, "sealer");
        this.view = requireNonNull(view, "view");
        this.clock = requireNonNull(clock, "clock");
    }

    CertificateRecord certificate(Hostname domain, Hostname host, IssuedCertificate issued, KeyType keyType) {
        byte[] pkcs8 = issued.keyPair().getPrivate().getEncoded();
        SealedKey sealed;
        try {
            sealed = sealer.seal(pkcs8, host); // associated data = host: the key opens for this host only
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        X509Certificate leaf = issued.leaf();
        return CertificateRecord.newBuilder()
                .setTrackingHost(host.ascii())
                .setSendingDomain(domain.ascii())
                .setCertificateChainPem(pem(issued))
                .setSealedKey(io.waymark.schemas.SealedKey.newBuilder()
                        .setKeyId(sealed.keyId().value())
                        .setNonce(ByteBuffer.wrap(sealed.nonce()))
                        .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                        .setAlgorithm(keyType.algorithm())
                        .build())
                .setSerialHex(leaf.getSerialNumber().toString(16))
                .setNotBefore(leaf.getNotBefore().toInstant())
                .setNotAfter(leaf.getNotAfter().toInstant())
                .setAriWindowStart(null)
                .setAriWindowEnd(null)
                .setAriCertId(ariCertId(leaf).orElse(null))
                .setIssuer(leaf.getIssuerX500Principal().getName(X500Principal.RFC2253))
                .setVersion(view.nextCertificateVersion(host.ascii()))
                .setIssuedAt(issued.issuedAt())
                .build();
    }

    DomainStatus status(String domain, Optional<String> host, DomainState state, Optional<String> reason,
                        Optional<Instant> notAfter) {
        return DomainStatus.newBuilder()
                .setSendingDomain(domain)
                .setTrackingHost(host.orElse(null))
                .setState(state)
                .setReason(reason.orElse(null))
                .setNotAfter(notAfter.orElse(null))
                .setUpdatedAt(clock.instant())
                .setVersion(view.nextStatusVersion(domain))
                .build();
    }

    /**
     * The ARI CertID (RFC 9773 §4.1): base64url of the authority key identifier, a dot, base64url
     * of the serial's DER content octets. Empty without an AKI extension.
     */
    static Optional<String> ariCertId(X509Certificate leaf) {
        byte[] extension = leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (extension == null) {
            return Optional.empty();
        }
        byte[] keyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifierOctets();
        if (keyId == null) {
            return Optional.empty();
        }
        byte[] serial = leaf.getSerialNumber().toByteArray();
        return Optional.of(URL.encodeToString(keyId) + "." + URL.encodeToString(serial));
    }

    static String pem(IssuedCertificate issued) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : issued.chain()) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(PEM.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode a certificate the CA sent", e);
            }
        }
        return pem.toString();
    }
}
