package io.waymark.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Certificates to and from PEM files (Pebble's roots for the demo and the CLI). */
public final class PemFiles {

    private PemFiles() {
    }

    public static void write(Path file, List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        try {
            for (X509Certificate certificate : certificates) {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(encoder.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode a certificate for " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static List<X509Certificate> read(Path file) {
        try (var in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(certificate -> certificates.add((X509Certificate) certificate));
            if (certificates.isEmpty()) {
                throw new IllegalStateException(file + " holds no certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (CertificateException e) {
            throw new IllegalStateException(file + " is not a PEM certificate file", e);
        }
    }

    /** A trust store holding exactly {@code roots}. */
    public static KeyStore trustStore(List<X509Certificate> roots) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                store.setCertificateEntry("root-" + i, roots.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }
}
