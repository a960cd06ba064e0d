/**
 * Waymark renewer: knows every certificate's expiry (and ARI window where the CA offers one),
 * orders renewals spread out and within a rate cap, and guards expiry. Public here: the service
 * ({@link io.waymark.renewer.RenewerMain}, {@link io.waymark.renewer.RenewerConfig},
 * {@link io.waymark.renewer.RenewerTopology}), the ARI seam
 * ({@link io.waymark.renewer.RenewalWindowSource}) and the operator's
 * {@link io.waymark.renewer.RenewNow}. See {@code renewer/README.md}.
 */
package io.waymark.renewer;
