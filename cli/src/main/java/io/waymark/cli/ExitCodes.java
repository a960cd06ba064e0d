package io.waymark.cli;

/** The exit codes of every {@code waymark} command (also listed in {@code cli/README.md}). */
public final class ExitCodes {

    /** Done; for {@code demo}: every step passed. */
    public static final int OK = 0;
    /** The command ran and the answer is no: nothing found, a step or a wait failed. */
    public static final int NEGATIVE = 1;
    /** Kafka or Cassandra did not answer within the timeout. */
    public static final int UNREACHABLE = 2;
    /** Bad arguments: unknown option, invalid hostname, unreadable file (BSD EX_USAGE). */
    public static final int USAGE = 64;
    /** An unexpected error; {@code --verbose} shows its stack trace (BSD EX_SOFTWARE). */
    public static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
