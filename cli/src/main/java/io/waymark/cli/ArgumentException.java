package io.waymark.cli;

/**
 * An argument the command cannot use; the message names the argument and the value, e.g.
 * {@code --tracking-host 'bad_host': ...}. Exit code {@link ExitCodes#USAGE}.
 */
public final class ArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArgumentException(String message) {
        super(message);
    }

    public ArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
