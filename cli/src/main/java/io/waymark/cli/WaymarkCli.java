package io.waymark.cli;

import io.waymark.local.DemoCommand;
import io.waymark.local.UpCommand;
import io.waymark.rewriter.cli.RewriteCommand;
import io.waymark.rewriter.cli.TokenCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./waymark}: the operator's command line. {@code up} and {@code demo} run the local
 * stack; the other commands work on the local stack or on any cluster given by flags or
 * {@code WAYMARK_*} variables (see {@code cli/README.md}). Every command has {@code --help};
 * {@code completion} prints a bash/zsh completion script.
 */
@Command(name = "waymark", mixinStandardHelpOptions = true, versionProvider = WaymarkCli.Version.class,
        description = "Waymark operator command line: run the local stack, switch HTTPS tracking, inspect "
                + "certificates, topics, events and dead letters.",
        subcommands = {UpCommand.class, DemoCommand.class, DomainCommand.class, CertCommand.class, SendCommand.class,
                EventsCommand.class, TopicsCommand.class, DlqCommand.class, RewriteCommand.class, TokenCommand.class,
                CompletionCommand.class})
public final class WaymarkCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error (default: one line).")
    boolean verbose;

    private final CliEnvironment environment;

    /** The command line in this process's environment. */
    public WaymarkCli() {
        this(CliEnvironment.system());
    }

    /** The command line in a given environment (tests). */
    public WaymarkCli(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The environment commands resolve their target in. */
    public CliEnvironment environment() {
        return environment;
    }

    /** A ready {@link CommandLine}: error handling and exit codes as documented. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new WaymarkCli(environment));
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        usageExitCode(commandLine);
        return commandLine;
    }

    /** Logging of the client libraries: quiet, on stderr (a service module's own logback.xml is on the classpath too). */
    static final String LOGBACK_CONFIGURATION = "io/waymark/cli/logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
        }
        CliEnvironment environment;
        try {
            environment = CliEnvironment.system();
        } catch (IllegalArgumentException e) {
            System.err.println("waymark: " + e.getMessage());
            System.exit(ExitCodes.USAGE);
            return;
        }
        int code;
        try {
            code = commandLine(environment).execute(args);
        } catch (LinkageError e) {
            // a class missing from the classpath: an incomplete or stale build
            System.err.println("waymark: " + e + ": the build is incomplete or stale; rebuild with "
                    + "./mvnw -B -DskipTests install");
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace();
            }
            code = ExitCodes.SOFTWARE;
        }
        System.exit(code);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static void usageExitCode(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        commandLine.getSubcommands().values().forEach(WaymarkCli::usageExitCode);
    }

    /** The version from the build ({@code version.properties}). */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = WaymarkCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"waymark " + properties.getProperty("version", "(unknown version)"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
