package io.waymark.embedded;

import io.waymark.embedded.internal.LoopbackPorts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Run by {@link ProcessCleanupIT} as a plain {@code java -cp} program: starts servers, prints
 * their process ids and then either exits without closing anything ({@code exit}), as a
 * forgotten {@code close()} would, or waits to be SIGKILLed ({@code hang}).
 *
 * <p>Arguments: run directory, {@code exit|hang}, then server names ({@code kafka}, {@code pebble}).
 */
public final class AbandoningLauncher {

    private AbandoningLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        List<String> servers = List.of(args).subList(2, args.length);
        StringBuilder pids = new StringBuilder("PIDS");
        if (servers.contains("kafka")) {
            pids.append(' ').append(KafkaProcess.start(dir.resolve("kafka")).pid());
        }
        if (servers.contains("pebble")) {
            PebbleProcess.start(dir.resolve("pebble"), LoopbackPorts.free()).pids()
                    .forEach(pid -> pids.append(' ').append(pid));
        }
        System.out.println(pids);
        System.out.flush();
        if ("hang".equals(args[1])) {
            new CountDownLatch(1).await();
        }
        System.exit(0);
    }
}
