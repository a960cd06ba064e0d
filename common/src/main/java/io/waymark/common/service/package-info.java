/**
 * The frame every Waymark service runs in. A service implements
 * {@link io.waymark.common.service.Service} and its {@code main} calls
 * {@link io.waymark.common.service.ServiceRuntime#run}; the runtime parses the configuration once,
 * starts the admin HTTP server ({@code /healthz}, {@code /readyz}, {@code /metrics}), hands the
 * service a {@link io.waymark.common.service.ServiceContext} to register components, readiness
 * checks and meters, and on SIGTERM marks the service not ready, closes the components in reverse
 * order within {@code shutdown.timeout} and stops. Meter names follow
 * {@link io.waymark.common.service.MeterNames}: {@code waymark_<service>_<thing>}.
 */
package io.waymark.common.service;
