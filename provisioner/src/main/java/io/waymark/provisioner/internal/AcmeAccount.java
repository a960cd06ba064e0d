package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.security.KeyPair;
import java.util.Optional;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioner's one ACME account on one CA: the session, the login (created on first use,
 * so a service that only ever sees invalid input never talks to the CA), and what the directory
 * offers (profiles, ARI). Registering a key that already has an account returns that account
 * (RFC 8555 §7.3.1), so every instance and restart uses the same one.
 */
final class AcmeAccount implements AcmeOrders {

    private static final Logger LOGGER = LoggerFactory.getLogger(AcmeAccount.class);

    private final Session session;
    private final KeyPair accountKey;
    private final ProvisionerConfig config;
    private volatile Login login;

    AcmeAccount(Session session, KeyPair accountKey, ProvisionerConfig config) {
        this.session = requireNonNull(session, "session");
        this.accountKey = requireNonNull(accountKey, "accountKey");
        this.config = requireNonNull(config, "config");
    }

    static Session session(ProvisionerConfig config) {
        return config.acmeTrustPem()
                .map(pem -> new Session(config.acmeDirectory(), PinnedTrustAcmeProvider.fromPem(pem)))
                .orElseGet(() -> new Session(config.acmeDirectory()));
    }

    /** The login, registering (or finding) the account on first use. */
    Login login() throws AcmeException {
        Login current = login;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (login == null) {
                AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
                config.contactEmail().ifPresent(builder::addEmail);
                if (config.eabKeyId().isPresent()) {
                    // RFC 8555 §7.3.4: CAs such as ZeroSSL or Google bind the account to an external one
                    builder.withKeyIdentifier(config.eabKeyId().get(), config.eabHmacKey().orElseThrow().reveal());
                }
                login = builder.createLogin(session);
                LOGGER.info("ACME account ready account={}", login.getAccountLocation());
            }
            return login;
        }
    }

    @Override
    public Optional<String> profile() throws AcmeException {
        if (config.profile().isEmpty()) {
            return Optional.empty();
        }
        Metadata metadata = session.getMetadata();
        String wanted = config.profile().get();
        if (metadata.isProfileAllowed(wanted)) {
            return Optional.of(wanted);
        }
        LOGGER.warn("ACME profile not offered by the CA, ordering without profile={} offered={}", wanted,
                metadata.getProfiles());
        return Optional.empty();
    }

    @Override
    public boolean offersRenewalInfo() throws AcmeException {
        return session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
    }

    @Override
    public Order newOrder(AcmeOrders.Request request) throws AcmeException {
        OrderBuilder builder = login().newOrder().domain(request.host());
        request.profile().ifPresent(builder::profile);
        request.replaces().ifPresent(builder::replaces);
        return builder.create();
    }
}
