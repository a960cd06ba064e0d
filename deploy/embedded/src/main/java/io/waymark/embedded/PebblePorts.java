package io.waymark.embedded;


/**
 * The loopback ports of a {@link PebbleProcess} besides the HTTP-01 port: Pebble's ACME
 * directory and management API, the TLS-ALPN-01 port its validator would use, and
 * pebble-challtestsrv's DNS and management listeners. Tests take {@link #free()}; the local
 * stack fixes them so its endpoints are documented.
 */
public record PebblePorts(int acme, int management, int tlsAlpn, int dns, int challengeManagement) {

    /** Ports that nothing listens on at the moment of the call. */
    public static PebblePorts free() {
        return freeExcept();
    }

    /** Ports that nothing listens on at the moment of the call, other than {@code taken} (the HTTP-01 port). */
    public static PebblePorts freeExcept(int... taken) {
        int[] p = FreePorts.distinctExcept(5, taken);
        return new PebblePorts(p[0], p[1], p[2], p[3], p[4]);
    }
}
