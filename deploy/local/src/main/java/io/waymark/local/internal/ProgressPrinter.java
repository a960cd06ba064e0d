package io.waymark.local.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints each part's state as it changes, one line each, e.g. {@code   kafka        starting…}
 * and {@code   kafka        ready      4.1 s}. Safe to call from the threads that start parts in
 * parallel.
 */
public final class ProgressPrinter {

    private final PrintStream out;

    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    /** Runs {@code action}, printing "starting…" before and "ready" with the time after (or "FAILED"). */
    public <T> T step(String part, String doing, String done, Supplier<T> action) {
        line(part, doing + "…");
        long begin = System.nanoTime();
        try {
            T result = action.get();
            line(part, String.format(Locale.ROOT, "%-9s %5.1f s", done, seconds(begin)));
            return result;
        } catch (RuntimeException e) {
            line(part, String.format(Locale.ROOT, "%-9s %5.1f s", "FAILED", seconds(begin)));
            throw e;
        }
    }

    public synchronized void line(String part, String state) {
        out.printf(Locale.ROOT, "  %-13s%s%n", part, state);
        out.flush();
    }

    public synchronized void message(String text) {
        out.println(text);
        out.flush();
    }

    private static double seconds(long begin) {
        return (System.nanoTime() - begin) / 1e9;
    }
}
