package io.waymark.local.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Refuses to start the stack when one of its ports is taken, before anything is started, with
 * a message naming the port and what it is for. A port counts as taken when binding it on
 * 127.0.0.1 fails (whatever holds it: another stack, a local Kafka, an unrelated server).
 */
public final class PortGuard {

    private PortGuard() {
    }

    /** @throws PortInUseException for the first port (in the map's order) that cannot be bound */
    public static void requireFree(Map<Integer, String> purposes) {
        for (Map.Entry<Integer, String> entry : purposes.entrySet()) {
            if (!bindable(entry.getKey())) {
                throw new PortInUseException(entry.getKey(), entry.getValue());
            }
        }
    }

    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the servers bind: a listener blocks the port, connections in TIME_WAIT do not
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port of the stack is in use by someone else. */
    public static final class PortInUseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final int port;

        PortInUseException(int port, String purpose) {
            super("port " + port + " (" + purpose + ") is already in use on 127.0.0.1; nothing was started."
                    + " Stop whatever listens there (see: ss -ltnp 'sport = :" + port + "'),"
                    + " e.g. a local stack already running from this or another checkout.");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
