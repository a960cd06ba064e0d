package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The part of the CA that {@link CertificateIssuer} consults before any challenge: what the
 * directory offers (profiles, ARI) and the newOrder request (RFC 8555 §7.4). {@link AcmeAccount}
 * is the one implementation in production; keeping this narrow lets unit tests stand in for the
 * CA answers a test CA cannot give (ARI refusals, {@code rateLimited} with Retry-After).
 */
interface AcmeOrders {

    /** The profile to request, when one is configured and the CA lists it. */
    Optional<String> profile() throws AcmeException;

    /** True when the directory offers ARI (RFC 9773 §4: a renewalInfo resource). */
    boolean offersRenewalInfo() throws AcmeException;

    /** Sends one newOrder request; a refusal arrives as an {@link AcmeException}. */
    Order newOrder(Request request) throws AcmeException;

    /**
     * One newOrder request for a single DNS name.
     *
     * @param host     the ASCII name to order
     * @param profile  the profile to ask for, if any
     * @param replaces the ARI CertID of the certificate this order replaces (RFC 9773 §5), if any
     */
    record Request(String host, Optional<String> profile, Optional<String> replaces) {

        public Request {
            requireNonNull(host, "host");
            requireNonNull(profile, "profile");
            requireNonNull(replaces, "replaces");
        }
    }
}
