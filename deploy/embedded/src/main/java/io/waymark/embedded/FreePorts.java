package io.waymark.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1 for servers started on one machine (tests, the local stack). Every
 * probe socket stays open until all ports of a call are chosen, so one call never hands out the
 * same port twice, which separate probes can. Between the return and the server's bind another
 * process may take a port; on a test machine that is good enough.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} distinct ports that nothing listens on at the moment of the call. */
    public static int[] distinct(int count) {
        return distinctExcept(count);
    }

    /**
     * {@code count} distinct ports that nothing listens on at the moment of the call, none of
     * them in {@code taken}: ports picked earlier for a server that has not bound them yet (the
     * system can hand a closed probe's port out again at once).
     */
    public static int[] distinctExcept(int count, int... taken) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            while (found < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket); // held open, so it is not handed out again in this call
                int port = socket.getLocalPort();
                if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                    ports[found++] = port;
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            sockets.forEach(FreePorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // a listening probe socket we own: nothing to recover
        }
    }
}
