package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.seal.SealException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACME account key, generated once and kept sealed (AES-256-GCM, the common
 * {@link KeySealer}) in a file every instance reads: a shared volume or a secret mounted into
 * each pod. The first instance to start creates it atomically (a hard link that fails when the
 * file exists), so two instances starting together still end up with one key and one account;
 * later starts only read it. A new account per start would lose the account's rate-limit
 * history and its authorizations.
 */
final class AccountKeyFile {

    /** Associated data of the sealed account key; not a real host, just a fixed label. */
    static final Hostname SEAL_LABEL = Hostname.parse("acme-account.waymark.internal");

    private static final Logger LOGGER = LoggerFactory.getLogger(AccountKeyFile.class);

    private final Path file;
    private final KeySealer sealer;

    AccountKeyFile(Path file, KeySealer sealer) {
        this.file = requireNonNull(file, "file");
        this.sealer = requireNonNull(sealer, "sealer");
    }

    /** The key in the file, or a new one written there when the file does not exist. */
    KeyPair loadOrCreate() {
        if (Files.exists(file)) {
            return read();
        }
        KeyPair created = KeyPairUtils.createECKeyPair("secp256r1");
        byte[] pem = toPem(created);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".acme-account", ".tmp");
            try {
                Files.write(temp, sealer.sealToBytes(pem, SEAL_LABEL));
                Files.createLink(file, temp);
                LOGGER.info("ACME account key created file={}", file);
                return created;
            } catch (FileAlreadyExistsException raced) {
                LOGGER.info("ACME account key created concurrently by another instance file={}", file);
                return read();
            } finally {
                Files.deleteIfExists(temp);
                Arrays.fill(pem, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ACME account key file " + file, e);
        }
    }

    private KeyPair read() {
        byte[] pem = null;
        try {
            pem = sealer.open(Files.readAllBytes(file), SEAL_LABEL);
            KeyPair pair = KeyPairUtils.readKeyPair(new StringReader(new String(pem, StandardCharsets.US_ASCII)));
            LOGGER.info("ACME account key loaded file={}", file);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ACME account key file " + file, e);
        } catch (SealException e) {
            throw new IllegalStateException("cannot open the ACME account key file " + file + ": " + e.reason()
                    + " (is seal.keys the key set it was sealed with?)", e);
        } finally {
            if (pem != null) {
                Arrays.fill(pem, (byte) 0);
            }
        }
    }

    private static byte[] toPem(KeyPair pair) {
        StringWriter out = new StringWriter();
        try {
            KeyPairUtils.writeKeyPair(pair, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
