package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spec-kitty-orchestrator}: with no subcommand, prints the usage on stderr and exits 2. */
@Command(name = "spec-kitty-orchestrator",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs spec-kitty missions with AI coding agents through the host's orchestrator-api.",
        subcommands = {
            OrchestrateCommand.class,
            StatusCommand.class,
            ResumeCommand.class,
            AbortCommand.class,
            DoctorCommand.class,
            AgentsCommand.class,
            DemoCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes:",
            "  0    all done",
            "  1    finished with work packages not done (or a check failed)",
            "  2    usage or configuration error",
            "  3    host missing or incompatible",
            "  4    another orchestrator holds the mission lock",
            "  70   internal error",
            "  130  interrupted (Ctrl-C, SIGTERM); resume continues",
            "Docs: docs/cli.md"})
final class RootCommand implements Callable<Integer> {
    final CliContext context;

    @Spec
    CommandSpec spec;

    RootCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
