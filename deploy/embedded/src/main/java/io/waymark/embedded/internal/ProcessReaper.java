package io.waymark.embedded.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no server started by this JVM outlives it. Every {@link ChildProcess} registers
 * here; one JVM shutdown hook asks the survivors (and their descendants) to terminate, waits a
 * short grace period, then kills whatever is left. A SIGKILL of this JVM skips shutdown hooks;
 * for that case the {@link OrphanSweeper} kills the leftovers when the next JVM starts a server.
 */
public final class ProcessReaper {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProcessReaper.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        OrphanSweeper.sweep();
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "waymark-process-reaper"));
    }

    private ProcessReaper() {
    }

    static void register(ProcessHandle process) {
        LIVE.add(process);
        OrphanSweeper.record(process);
    }

    static void unregister(ProcessHandle process) {
        LIVE.remove(process);
        OrphanSweeper.forget(process);
    }

    /**
     * Kills servers recorded by JVMs that died without their shutdown hook. Runs once per JVM
     * before its first child starts; public for tests and for launchers that want it earlier.
     */
    public static void sweepOrphans() {
        OrphanSweeper.sweep();
    }

    /** Kills {@code process} and everything it started, and waits until they are gone. */
    public static void killTree(ProcessHandle process, Duration timeout) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOGGER.warn("Process did not exit after SIGKILL pid={}", handle.pid(), e);
            }
        }
    }

    private static void reapAll() {
        List<ProcessHandle> survivors = new ArrayList<>(LIVE);
        if (survivors.isEmpty()) {
            return;
        }
        LOGGER.info("JVM exit: stopping {} child processes", survivors.size());
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle handle : survivors) {
            handle.descendants().forEach(all::add);
            all.add(handle);
        }
        all.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOGGER.debug("Grace period over, killing the rest", e);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
