package io.waymark.cli;

import io.waymark.common.host.Hostname;
import io.waymark.common.host.InvalidHostnameException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every leaf command of {@code waymark} shares: its output streams (picocli's, so tests
 * capture them) and the {@link CliEnvironment} of the root command.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    CliEnvironment environment() {
        Object root = spec.root().userObject();
        return root instanceof WaymarkCli cli ? cli.environment() : CliEnvironment.system();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The canonical host, or an {@link ArgumentException} naming {@code argument}. */
    static Hostname hostname(String argument, String value) {
        try {
            return Hostname.parse(value);
        } catch (InvalidHostnameException e) {
            throw new ArgumentException(argument + ": " + e.getMessage(), e);
        }
    }
}
