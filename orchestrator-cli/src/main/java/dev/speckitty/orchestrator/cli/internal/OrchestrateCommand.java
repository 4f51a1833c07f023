package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code orchestrate}: drives a mission to done with the configured agents. */
@Command(name = "orchestrate", mixinStandardHelpOptions = true,
        description = {"Drives a mission: claims ready work packages, runs implementation and review agents in the"
            + " lane worktrees, retries and falls back, and optionally accepts and merges.",
            "Ctrl-C (or SIGTERM) stops starting work, terminates agents, saves state and exits 130; a second Ctrl-C"
                + " quits at once. Continue with `resume`."})
final class OrchestrateCommand extends BaseCommand {
    @Mixin
    MissionOption mission = new MissionOption();

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--impl-agent", paramLabel = "<agent>",
            description = "Implementation agent; repeat for an ordered fallback chain (replaces agents.implementation).")
    List<String> implAgents;

    @Option(names = "--review-agent", paramLabel = "<agent>",
            description = "Review agent; repeat for an ordered fallback chain (replaces agents.review).")
    List<String> reviewAgents;

    @Option(names = "--max-concurrent", paramLabel = "<n>",
            description = "Work packages in flight at once (at least 1). Default: max_concurrent_wps, else 4.")
    Integer maxConcurrent;

    @Option(names = "--actor", paramLabel = "<name>",
            description = "Actor recorded on every host call. Default: spec-kitty-orchestrator.")
    String actor;

    @Option(names = "--dry-run", description = "Check host, agents and mission and print the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--accept", description = "Accept the mission (accept-mission) when every work package is done.")
    boolean accept;

    @Option(names = "--merge", description = "Merge the mission (merge-mission) at the end.")
    boolean merge;

    @Option(names = "--merge-target", paramLabel = "<branch>", description = "Branch to merge into (with --merge).")
    String mergeTarget;

    @Option(names = "--merge-strategy", paramLabel = "<strategy>",
            description = "merge, squash or rebase (with --merge). Default: the host's (merge).")
    String mergeStrategy;

    @Option(names = "--push", description = "Push the target branch after merging (with --merge).")
    boolean push;

    @Option(names = "--events", paramLabel = "<file>", description = "Append every event as a JSON line to <file>.")
    Path events;

    @Option(names = {"--no-inhibit-sleep", "--no-caffeinate"},
            description = "Do not keep the machine awake (caffeinate on macOS, systemd-inhibit on Linux).")
    boolean noInhibitSleep;

    OrchestrateCommand(CliContext context) {
        super(context);
    }

    /** The command-line values that override configuration keys. */
    Map<String, Object> overrides() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (implAgents != null && !implAgents.isEmpty()) {
            m.put("agents.implementation", implAgents);
        }
        if (reviewAgents != null && !reviewAgents.isEmpty()) {
            m.put("agents.review", reviewAgents);
        }
        if (maxConcurrent != null) {
            m.put("max_concurrent_wps", maxConcurrent);
        }
        if (actor != null) {
            m.put("actor", actor);
        }
        if (project.host != null) {
            m.put("host", project.host);
        }
        if (noInhibitSleep) {
            m.put("inhibit_sleep", false);
        }
        if (mergeTarget != null) {
            m.put("merge.target", mergeTarget);
        }
        if (mergeStrategy != null) {
            m.put("merge.strategy", mergeStrategy);
        }
        if (push) {
            m.put("merge.push", true);
        }
        return m;
    }

    @Override
    public Integer call() {
        if (!merge && (mergeTarget != null || mergeStrategy != null || push)) {
            throw new CliException(ExitCode.USAGE, "--merge-target, --merge-strategy and --push only apply with"
                    + " --merge");
        }
        Path root = project.resolveRoot(context.cwd());
        CliSettings settings = ConfigLoader.load(root, context.env(), overrides());
        RunSession.Plan plan = new RunSession.Plan(mission.mission, settings, accept, merge,
                Optional.ofNullable(events), dryRun, false, RunSession.newRunId());
        return RunSession.run(this, plan, root);
    }
}
