package io.waymark.edge.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * The request handlers run on a TCP connection (HTTP/1.1) or on an HTTP/2 stream channel whose
 * parent is the connection; connection facts (peer address, SNI host) live on the connection.
 */
public final class StreamChannels {

    private StreamChannels() {
    }

    /** The TCP connection carrying {@code channel}. */
    public static Channel connection(Channel channel) {
        return channel instanceof Http2StreamChannel stream ? stream.parent() : channel;
    }

    /** Whether {@code channel} is an HTTP/2 stream (closing it would reset the stream). */
    public static boolean isStream(Channel channel) {
        return channel instanceof Http2StreamChannel;
    }
}
