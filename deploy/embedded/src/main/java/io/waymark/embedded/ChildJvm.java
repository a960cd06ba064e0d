package io.waymark.embedded;

import io.waymark.embedded.internal.ChildProcess;
import io.waymark.embedded.internal.JavaCommand;
import io.waymark.embedded.internal.ProcessReaper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Java program (a Waymark service's main class, say) in a child JVM on the classpath of this
 * JVM, with its output appended to a log file. It is covered by the same guarantees as the
 * servers here: a JVM shutdown hook stops it with the launching JVM, and a launcher that was
 * SIGKILLed has it killed by the next one (see {@code deploy/embedded/README.md}).
 */
public final class ChildJvm {

    private final ChildProcess process;

    private ChildJvm(ChildProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <this JVM's classpath> <mainClass> <arguments>} in
     * {@code workDir} with {@code environment} added to this JVM's.
     */
    public static ChildJvm start(String name, List<String> jvmOptions, String mainClass, List<String> arguments,
            Path workDir, Path logFile, Map<String, String> environment) {
        List<String> command = new JavaCommand()
                .jvm(jvmOptions.toArray(String[]::new))
                .classpath(System.getProperty("java.class.path"))
                .main(mainClass, arguments.toArray(String[]::new))
                .toList();
        return new ChildJvm(ChildProcess.start(name, command, workDir, logFile, environment));
    }

    /**
     * Kills what launcher JVMs that died without their shutdown hook (SIGKILL, OOM killer) left
     * running, as recorded under {@code waymark.embedded.dir}; a launcher calls it before it
     * checks its ports, so a stack killed that way can be started again.
     */
    public static void sweepOrphans() {
        ProcessReaper.sweepOrphans();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process, for callers that watch its descendants or its exit. */
    public ProcessHandle handle() {
        return process.handle();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** SIGTERM, then SIGKILL of the process tree if it has not exited after {@code grace}. */
    public void terminate(Duration grace) {
        process.terminate(grace);
    }

    /** SIGKILL of the process tree. */
    public void kill() {
        process.kill();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
