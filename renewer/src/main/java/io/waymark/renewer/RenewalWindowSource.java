package io.waymark.renewer;

import java.util.Optional;

/**
 * Where the renewer learns a certificate's ARI window (RFC 9773): the CA's {@code renewalInfo}
 * resource in production ({@code internal.AcmeRenewalWindowSource}), a scripted double in tests.
 * Lookups run on the renewer's ARI executor, never on a stream thread, so an implementation
 * may block up to its own timeout.
 */
@FunctionalInterface
public interface RenewalWindowSource {

    /** For a CA without ARI, or when ARI is switched off ({@code acme.directory=none}). */
    RenewalWindowSource NONE = certId -> Optional.empty();

    /**
     * The current window of the certificate with this ARI CertID.
     *
     * @return empty when the CA offers no {@code renewalInfo} (fall back to lifetime fractions)
     * @throws RenewalWindowException when the CA offers ARI but this lookup failed
     */
    Optional<RenewalWindow> lookup(String certId) throws RenewalWindowException;
}
