/**
 * Signed tracking tokens: the opaque part of {@code https://<tracking host>/c/<token>} and
 * {@code /o/<token>}. The rewriter encodes a {@link io.waymark.common.token.TrackingToken} with
 * {@link io.waymark.common.token.TrackingTokenCodec#encode}; the edge decodes it with the
 * request's host and serves a redirect only when the HMAC-SHA256 tag verifies, which is what keeps
 * the edge from being an open redirector. The binary layout is documented on
 * {@link io.waymark.common.token.TrackingTokenCodec} and in the module README.
 */
package io.waymark.common.token;
