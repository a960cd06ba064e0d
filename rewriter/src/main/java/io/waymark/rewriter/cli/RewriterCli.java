package io.waymark.rewriter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the rewriter's commands under the operator command line {@code ./waymark}:
 * {@code rewrite} and {@code token decode}. Other modules' commands join the same top level.
 */
@Command(name = "waymark", mixinStandardHelpOptions = true, version = "waymark 0.1.0",
        description = "Waymark operator command line.",
        subcommands = {RewriteCommand.class, TokenCommand.class})
public final class RewriterCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new RewriterCli()).execute(args));
    }
}
