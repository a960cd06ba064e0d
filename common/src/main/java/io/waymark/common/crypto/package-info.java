/**
 * Symmetric key material for the two secrets Waymark's wire contracts depend on: the AES-256
 * keys that seal private keys ({@link io.waymark.common.crypto.KeyPurpose#SEAL}) and the
 * HMAC-SHA256 keys that sign tracking links ({@link io.waymark.common.crypto.KeyPurpose#TOKEN}).
 * Each purpose has its own {@link io.waymark.common.crypto.KeyRing}: several keys, each named
 * by a {@link io.waymark.common.crypto.KeyId}, one of them current. New data uses the current
 * key; old data names the key it was made with, which is how keys rotate without downtime.
 */
package io.waymark.common.crypto;
