/**
 * Waymark provisioner: turns ENABLE_HTTPS events and certificate orders into certificates, over
 * ACME HTTP-01, within the CA's limits. The public surface is the service
 * ({@link io.waymark.provisioner.ProvisionerService}) and its main class; everything else is in
 * {@code internal}.
 */
package io.waymark.provisioner;
