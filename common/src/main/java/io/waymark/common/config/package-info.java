/**
 * Typed configuration for every Waymark service. Settings are read once at start-up from three
 * layers (defaults, then a properties file named by {@code --config} or {@code WAYMARK_CONFIG},
 * then {@code WAYMARK_*} environment variables), converted by the typed getters of
 * {@link io.waymark.common.config.Config}, and turned into immutable records by each service.
 * Every failure is a {@link io.waymark.common.config.ConfigException} naming the key, where the
 * value came from and (unless it is a secret) the bad value.
 */
package io.waymark.common.config;
