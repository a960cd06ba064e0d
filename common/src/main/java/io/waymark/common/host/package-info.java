/**
 * Hostname rules shared by every Waymark service: a tracking host or sending domain enters the
 * system once through {@link io.waymark.common.host.Hostname#parse(String)} and is a valid,
 * lower-case, ASCII (IDNA) DNS name from then on. Rejections carry a
 * {@link io.waymark.common.host.InvalidHostnameException.Reason} so a status record can say why.
 */
package io.waymark.common.host;
