package io.waymark.edge.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Finds the client address of a request and anonymises it. The peer is the socket peer, or the
 * source address of a PROXY protocol header from a trusted load balancer
 * ({@link ProxyProtocolHandler}). The peer is the client unless
 * it is a configured trusted proxy; then {@code X-Forwarded-For} is read from the right, skipping
 * trusted hops, and the first untrusted address is the client. A header from an untrusted peer is
 * ignored (anyone can write one). Addresses are kept only as their network: IPv4 /24, IPv6 /48.
 */
public final class ClientAddressPolicy {

    private final List<CidrBlock> trustedProxies;
    private final boolean proxyProtocol;

    /** A policy that also reads the PROXY protocol source address a connection may carry. */
    public ClientAddressPolicy(List<CidrBlock> trustedProxies) {
        this(trustedProxies, true);
    }

    /**
     * @param proxyProtocol whether connections may carry a PROXY protocol source address
     *                      ({@code edge.proxy-protocol}); without it none is looked for per request
     */
    public ClientAddressPolicy(List<CidrBlock> trustedProxies, boolean proxyProtocol) {
        this.trustedProxies = List.copyOf(trustedProxies);
        this.proxyProtocol = proxyProtocol;
    }

    /** The client address of {@code request} on {@code channel} (HTTP/2 streams use the connection). */
    public InetAddress clientAddress(Channel channel, HttpRequest request) {
        Channel connection = StreamChannels.connection(channel);
        // A trusted PROXY header (checked at the first bytes of the connection) names the peer
        // the load balancer saw; X-Forwarded-For is then read as if that peer had connected.
        InetAddress peer = proxyProtocol ? ProxyProtocolHandler.proxiedClient(connection) : null;
        if (peer == null) {
            SocketAddress remote = connection.remoteAddress();
            peer = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        }
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        List<String> values = request.headers().getAll("X-Forwarded-For");
        InetAddress client = peer;
        for (int v = values.size() - 1; v >= 0; v--) {
            String[] hops = values.get(v).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                byte[] literal = CidrBlock.literal(hops[i]);
                if (literal == null) {
                    return client;
                }
                try {
                    client = InetAddress.getByAddress(literal);
                } catch (UnknownHostException e) {
                    return peer;
                }
                if (!trusted(client)) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        for (CidrBlock block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The network of {@code address}: IPv4 /24 ({@code 203.0.113.0}), IPv6 /48 ({@code 2001:db8:1::}). */
    public static String anonymise(InetAddress address) {
        if (address == null) {
            return null;
        }
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            return (raw[0] & 0xff) + "." + (raw[1] & 0xff) + "." + (raw[2] & 0xff) + ".0";
        }
        byte[] bytes = CidrBlock.mask(raw, 48);
        try {
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            if (bytes.length == 16) {
                // Compress the zero tail the JDK prints in full: 2001:db8:1:0:0:0:0:0 -> 2001:db8:1::
                text = text.replaceFirst("(:0)+$", "::").replaceFirst("^0::$", "::");
            }
            return text;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
