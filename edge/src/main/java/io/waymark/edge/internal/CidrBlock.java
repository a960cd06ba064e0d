package io.waymark.edge.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 address block such as {@code 10.0.0.0/8}; a bare address is a /32 or /128. */
public record CidrBlock(byte[] network, int prefixLength) {

    /** Parses {@code address[/prefix]}; only literal addresses, never a DNS lookup. */
    public static CidrBlock parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literal(addressText);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: " + addressText);
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
        }
        return new CidrBlock(mask(address, prefix), prefix);
    }

    /** Whether {@code address} lies in this block (IPv4-mapped IPv6 is not folded). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** The address bytes of an IP literal, or null when the text is not one (no DNS). */
    public static byte[] literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty() || !(t.indexOf(':') >= 0 || t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')))) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrBlock other && other.prefixLength == prefixLength && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            return "?/" + prefixLength;
        }
    }
}
