/**
 * Implementation of the token codec. Encoding: {@code MessageIdPacking} and {@code UrlPacking}
 * choose the shortest of their fixed forms ({@code PackedUrlCache} remembers packed URLs, since
 * campaigns repeat them), {@code PayloadWriter} lays the fields out,
 * {@code TokenMac} appends the truncated HMAC over host and payload ({@code PrecomputedHmac}: the
 * key pads are hashed once per key and thread), {@code TokenText} turns the bytes into base64url. Decoding runs the other way with a strict order that keeps unauthenticated
 * work small: length check on the text, strict base64url, version, flags and key id, the tag in
 * constant time, and only then the remaining fields (including inflating the URL). Every failure
 * is a {@code TokenException}; nothing here throws anything else on hostile input.
 */
package io.waymark.common.token.internal;
