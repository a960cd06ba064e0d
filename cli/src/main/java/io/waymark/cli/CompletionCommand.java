package io.waymark.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code waymark completion}: the shell completion script of every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the bash/zsh completion script of waymark.",
                "bash:  source <(./waymark completion)",
                "zsh:   autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit; "
                        + "source <(./waymark completion)",
                "The script completes the command name 'waymark': put ./waymark on the PATH (or alias it)."})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("waymark", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
