package io.waymark.cli;

import io.waymark.cli.internal.MissingResourceException;
import io.waymark.cli.internal.UnreachableTargetException;
import io.waymark.common.config.ConfigException;
import java.io.PrintWriter;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on stderr and an exit code ({@link ExitCodes}); the
 * stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = exitCode(ex);
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        if (code == ExitCodes.SOFTWARE) {
            message = "unexpected error: " + ex;
        }
        err.println("waymark " + commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^waymark ?", "")
                + ": " + message);
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.SOFTWARE) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof UnreachableTargetException) {
            return ExitCodes.UNREACHABLE;
        }
        if (ex instanceof TimeoutException) {
            return ExitCodes.UNREACHABLE;
        }
        if (ex instanceof MissingResourceException) {
            return ExitCodes.NEGATIVE;
        }
        if (ex instanceof ArgumentException || ex instanceof ConfigException
                || ex instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.SOFTWARE;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
