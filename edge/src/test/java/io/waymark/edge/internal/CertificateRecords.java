package io.waymark.edge.internal;

import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.edge.TestPki;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.SealedKey;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds CertificateRecords as the provisioner publishes them, from test leaves. */
public final class CertificateRecords {

    private CertificateRecords() {
    }

    public static CertificateRecord of(String host, TestPki.Leaf leaf, KeySealer sealer, long version) {
        io.waymark.common.seal.SealedKey sealed = sealer.seal(leaf.keyPair().getPrivate().getEncoded(), Hostname.parse(host));
        return CertificateRecord.newBuilder()
                .setTrackingHost(host)
                .setSendingDomain(host.substring(host.indexOf('.') + 1))
                .setCertificateChainPem(leaf.chainPem())
                .setSealedKey(SealedKey.newBuilder()
                        .setKeyId(sealed.keyId().value())
                        .setNonce(ByteBuffer.wrap(sealed.nonce()))
                        .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                        .setAlgorithm("EC-P256")
                        .build())
                .setSerialHex(leaf.serialHex())
                .setNotBefore(leaf.certificate().getNotBefore().toInstant())
                .setNotAfter(leaf.certificate().getNotAfter().toInstant())
                .setIssuer(leaf.certificate().getIssuerX500Principal().getName())
                .setVersion(version)
                .setIssuedAt(Instant.now())
                .build();
    }
}
