package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** Prints a bash/zsh completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a bash/zsh completion script.",
            "Use: source <(spec-kitty-orchestrator completion)   (zsh: autoload -U +X bashcompinit && bashcompinit"
                + " first)"})
final class CompletionCommand extends BaseCommand {
    CompletionCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("spec-kitty-orchestrator", Cli.commandLine(context));
        out().print(script);
        out().flush();
        return ExitCode.OK;
    }
}
