package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code resume}: continues the interrupted run of a mission with the options it was started with. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues the interrupted (or killed) run of a mission with its original options, which are"
            + " stored in the run state: agents, concurrency, actor, host, accept/merge, events file.",
            "Attempts, agents tried and review feedback carry over; the host's lanes are the truth."})
final class ResumeCommand extends BaseCommand {
    @Option(names = {"-m", "--mission", "--feature"}, paramLabel = "<slug>",
            description = "The mission; may be left out when only one mission has a run state.")
    String mission;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--actor", paramLabel = "<name>", description = "Override the stored actor.")
    String actor;

    @Option(names = {"--no-inhibit-sleep", "--no-caffeinate"}, description = "Do not keep the machine awake.")
    boolean noInhibitSleep;

    ResumeCommand(CliContext context) {
        super(context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        Path root = project.resolveRoot(context.cwd());
        String m = StoredRuns.missionOrOnly(root, mission);
        RunState state = RunSession.store(root, m).load().orElseThrow(() -> new CliException(ExitCode.USAGE,
                "no run to resume for mission '" + m + "' (no " + root.relativize(RunSession.stateFile(root, m))
                        + "); start one with: spec-kitty-orchestrator orchestrate --mission " + m));
        if (state.status() == RunStatus.ABORTED) {
            throw new CliException(ExitCode.USAGE, "run " + state.runId() + " of mission '" + m + "' was aborted;"
                    + " start a new run with: spec-kitty-orchestrator orchestrate --mission " + m);
        }
        if (state.status() == RunStatus.COMPLETED) {
            out().println("Run " + state.runId() + " of mission '" + m + "' already completed; nothing to resume.");
            return ExitCode.OK;
        }
        Map<String, Object> stored = state.launchOptions();
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String key : ConfigLoader.KEYS.keySet()) {
            Object v = stored.get(key);
            if (v != null) {
                overrides.put(key, v);
            }
        }
        if (actor != null) {
            overrides.put("actor", actor);
        }
        if (project.host != null) {
            overrides.put("host", project.host);
        }
        if (noInhibitSleep) {
            overrides.put("inhibit_sleep", false);
        }
        CliSettings settings = ConfigLoader.load(root, context.env(), overrides);
        Optional<Path> events = Optional.ofNullable((String) stored.get("events")).map(Path::of);
        RunSession.Plan plan = new RunSession.Plan(state.mission(), settings,
                Boolean.TRUE.equals(stored.get("accept")), Boolean.TRUE.equals(stored.get("merge")), events, false,
                true, state.runId());
        return RunSession.run(this, plan, root);
    }
}
