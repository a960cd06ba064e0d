/**
 * JMH benchmarks of the codecs, each measured next to a peer doing the bare cryptography on the
 * same bytes (a raw {@code javax.crypto.Mac} for tokens, a raw AES/GCM {@code Cipher} for sealed
 * keys), so results read as ratios that survive a noisy machine. Run with
 * {@code ./mvnw -B -pl common -Pbench test}; results go to {@code docs/benchmarks.md}.
 */
package io.waymark.common.bench;
