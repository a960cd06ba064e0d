package io.waymark.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Runs {@code waymark} in this JVM, as {@link WaymarkCli#main} would, with captured output.
 *
 * @param exitCode what the process would exit with
 * @param out      stdout (picocli's writer)
 * @param err      stderr
 * @param raw      bytes a command wrote to its raw output stream (send --wait)
 */
record CliRun(int exitCode, String out, String err, byte[] raw) {

    /** Runs in {@code environment}. */
    static CliRun run(CliEnvironment environment, String... args) {
        return run(environment, cl -> { }, args);
    }

    /** Runs in {@code environment} after {@code prepare} saw the command line (to reach a command object). */
    static CliRun run(CliEnvironment environment, Consumer<CommandLine> prepare, String... args) {
        CommandLine commandLine = WaymarkCli.commandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        SendCommand send = commandLine.getSubcommands().get("send").getCommand();
        send.rawOut = raw;
        prepare.accept(commandLine);
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString(), raw.toByteArray());
    }

    /** An environment with these variables, a home under {@code home}, no running local stack. */
    static CliEnvironment environment(Path home, Map<String, String> variables) {
        return new CliEnvironment(variables, home, h -> Optional.empty(), Duration.ofSeconds(20));
    }

    /** Raw output as UTF-8. */
    String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
