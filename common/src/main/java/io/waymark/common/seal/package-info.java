/**
 * Sealed private keys: how a certificate's private key travels on Kafka and rests on disk.
 * {@link io.waymark.common.seal.KeySealer} seals with AES-256-GCM under the current
 * {@link io.waymark.common.crypto.KeyRing} key, a random 96-bit nonce and the tracking host as
 * associated data; {@link io.waymark.common.seal.SealedKey} is the result, as one binary blob
 * or as its parts for an Avro record. Every failure to open is a
 * {@link io.waymark.common.seal.SealException} with a reason; no bytes come out of a blob that
 * was moved, tampered with or sealed under a key this process does not hold.
 */
package io.waymark.common.seal;
