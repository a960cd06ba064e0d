package io.waymark.local;

import io.waymark.local.internal.PortGuard;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code waymark demo}: starts the local stack, runs {@link DemoScenario} against it (two domains
 * enabled, certificates from Pebble, TLS checked, a newsletter rewritten, a link clicked over
 * HTTPS, the click and the open read back from Cassandra), prints each step with its timing and
 * PASS/FAIL, and stops the stack. Exits 0 only when every step passed.
 *
 * <p>The demo's stack lives in {@code <home>/demo} and always starts from empty data: Pebble
 * makes a new root at every start, so certificates of an earlier run would not verify. It never
 * touches the data of {@code waymark up}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local stack, show HTTPS tracking end to end, and stop it again.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackOptions options = new StackOptions();

    /** Runs the demo without the rest of the command line (for measuring it from a built tree). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path dir = options.home().resolve("demo");
        long begin = System.nanoTime();
        out.println("Waymark demo: starting the local stack in " + dir + " (fresh data)");
        options.stopOnSignal();
        DemoReport report;
        try (LocalStack stack = LocalStack.start(dir, LocalPorts.defaults(), true, out)) {
            options.running(stack);
            report = new DemoScenario(stack.endpoints(), out).run();
            out.println();
        } catch (PortGuard.PortInUseException e) {
            System.err.println("waymark demo: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("waymark demo: the stack failed, everything started was stopped: " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "%nDemo %s in %.1f s; the stack is stopped. Logs: %s%n",
                report.passed() ? "passed" : "FAILED", (System.nanoTime() - begin) / 1e9, dir.resolve("logs"));
        return report.passed() ? 0 : 1;
    }
}
