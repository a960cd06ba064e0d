package io.waymark.cli;

import io.waymark.schemas.CertificateRecord;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Prints a {@link CertificateRecord} for {@code cert show}: the record's own fields, then each
 * certificate of its chain as the JDK's X.509 parser reads it. Of the sealed key only the key
 * id and algorithm are shown; the ciphertext and nonce never leave the record.
 */
final class CertificateView {

    private CertificateView() {
    }

    /** False when the chain does not parse (reported on {@code out}). */
    static boolean print(CertificateRecord r, Instant now, PrintWriter out) {
        out.printf("tracking host    %s%n", r.getTrackingHost());
        out.printf("sending domain   %s%n", r.getSendingDomain());
        out.printf("serial           %s%n", r.getSerialHex());
        out.printf("issuer           %s%n", r.getIssuer());
        out.printf("not before       %s%n", r.getNotBefore());
        out.printf("not after        %s (%s days left)%n", r.getNotAfter(),
                CertCommand.ListCertificates.daysLeft(r.getNotAfter(), now));
        out.printf("issued at        %s%n", r.getIssuedAt());
        out.printf("version          %d%n", r.getVersion());
        out.printf("ARI window       %s%n", r.getAriWindowStart() == null ? "- (the CA offers no ARI)"
                : r.getAriWindowStart() + " .. " + r.getAriWindowEnd());
        out.printf("ARI cert id      %s%n", r.getAriCertId() == null ? "-" : r.getAriCertId());
        out.printf("sealed key       %s, key id %s (AES-256-GCM; not shown)%n", r.getSealedKey().getAlgorithm(),
                r.getSealedKey().getKeyId());
        List<X509Certificate> chain;
        try {
            chain = chain(r.getCertificateChainPem());
        } catch (CertificateException e) {
            out.println("chain            does not parse: " + e.getMessage());
            out.flush();
            return false;
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            out.printf("%nchain[%d]         %s%n", i, i == 0 ? "leaf" : "intermediate");
            out.printf("  subject        %s%n", c.getSubjectX500Principal().getName());
            out.printf("  issuer         %s%n", c.getIssuerX500Principal().getName());
            out.printf("  serial         %s%n", c.getSerialNumber().toString(16));
            out.printf("  SANs           %s%n", String.join(", ", subjectAltNames(c)));
            out.printf("  not before     %s%n", c.getNotBefore().toInstant());
            out.printf("  not after      %s%n", c.getNotAfter().toInstant());
            out.printf("  key            %s, signed %s%n", c.getPublicKey().getAlgorithm(), c.getSigAlgName());
        }
        out.flush();
        return true;
    }

    static List<X509Certificate> chain(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        for (var certificate : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
            chain.add((X509Certificate) certificate);
        }
        if (chain.isEmpty()) {
            throw new CertificateException("no certificate in the PEM");
        }
        return chain;
    }

    private static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String prefix = type == 2 ? "DNS:" : type == 7 ? "IP:" : "type" + type + ":";
                    names.add(prefix + san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable: " + e.getMessage() + ")");
        }
        return names.isEmpty() ? List.of("-") : names;
    }
}
