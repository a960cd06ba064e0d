package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WaymarkCliTest {

    @TempDir
    Path home;

    @Test
    void everyCommandHasHelpThatPrintsItsUsage() {
        // Given every command of the tree
        List<CommandLine> all = new ArrayList<>();
        collect(WaymarkCli.commandLine(CliRun.environment(home, Map.of())), all);
        assertThat(all).extracting(CommandLine::getCommandName)
                .contains("up", "demo", "domain", "enable", "disable", "delete", "status", "cert", "list", "show",
                        "renew", "send", "events", "tail", "topics", "create", "describe", "dlq", "replay", "rewrite",
                        "token", "decode", "completion");

        for (CommandLine command : all) {
            String path = command.getCommandSpec().qualifiedName(" ");
            // When --help is given to it
            String[] args = (path.replaceFirst("^waymark ?", "") + " --help").trim().split(" ");
            CliRun run = CliRun.run(CliRun.environment(home, Map.of()), args);

            // Then it prints its usage, no error, exit 0
            assertThat(command.getCommandSpec().optionsMap()).as(path).containsKeys("--help", "--version");
            assertThat(run.exitCode()).as(path).isZero();
            assertThat(run.out()).as(path).startsWith("Usage: " + path).contains("--help");
            assertThat(run.err()).as(path).isEmpty();
        }
    }

    @Test
    void versionNamesTheBuild() {
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("waymark 0.1.0-SNAPSHOT");
    }

    @Test
    void noCommandPrintsUsageOnStderrWithExitCode64() {
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Usage: waymark").contains("domain", "dlq", "completion");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "domain", "status", "shop.example", "--colour");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--colour'");
    }

    @Test
    void completionPrintsABashScriptCoveringEverySubcommand() {
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "_picocli_waymark")
                .contains("domain", "cert", "events", "topics", "dlq", "rewrite", "token")
                .contains("--tracking-host", "--from-beginning", "--dry-run");
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, all));
    }
}
