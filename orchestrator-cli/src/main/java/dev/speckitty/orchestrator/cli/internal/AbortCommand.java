package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code abort}: stops the running orchestrator of a mission (SIGTERM to the pid in the lock file, then waits), records
 * the run as aborted and, with {@code --cleanup-worktrees}, removes the mission's clean lane worktrees.
 */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = {"Stops the orchestrator running a mission (SIGTERM to the process named in the mission's lock"
            + " file; it saves its state and terminates its agents) and records the run as aborted.",
            "--cleanup-worktrees also removes the mission's lane worktrees (.worktrees/<mission>-*) that have no"
                + " uncommitted changes; dirty ones are kept and listed. Lane branches are never deleted."})
final class AbortCommand extends BaseCommand {
    @Option(names = {"-m", "--mission", "--feature"}, paramLabel = "<slug>",
            description = "The mission; may be left out when only one mission has a run state.")
    String mission;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--cleanup-worktrees", description = "Remove the mission's clean lane worktrees.")
    boolean cleanupWorktrees;

    @Option(names = "--wait", paramLabel = "<seconds>", defaultValue = "60",
            description = "How long to wait for the orchestrator to stop (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--force", description = "Kill the orchestrator (SIGKILL) if it has not stopped after --wait.")
    boolean force;

    AbortCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Path root = project.resolveRoot(context.cwd());
        String m = StoredRuns.missionOrOnly(root, mission);
        int code = ExitCode.OK;
        Optional<MissionLock.Holder> holder = MissionLock.currentHolder(root, m);
        if (holder.isPresent()) {
            long pid = holder.get().pid();
            if (pid == ProcessHandle.current().pid()) {
                throw new CliException(ExitCode.LOCKED, "the lock of mission '" + m + "' is held by this process");
            }
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isPresent() && ph.get().isAlive()) {
                out().println("Stopping the orchestrator of mission '" + m + "' (pid " + pid + ", run "
                        + holder.get().runId() + ")...");
                out().flush();
                if (!ph.get().destroy()) {
                    throw new CliException(ExitCode.LOCKED, "cannot signal pid " + pid + " (not permitted?)");
                }
                if (!waitFor(ph.get(), Duration.ofSeconds(waitSeconds))) {
                    if (!force) {
                        throw new CliException(ExitCode.LOCKED, "pid " + pid + " did not stop within " + waitSeconds
                                + " s; wait longer (--wait) or kill it (--force)");
                    }
                    ph.get().descendants().forEach(ProcessHandle::destroyForcibly);
                    ph.get().destroyForcibly();
                    waitFor(ph.get(), Duration.ofSeconds(10));
                    out().println("Killed pid " + pid + ".");
                } else {
                    out().println("Stopped pid " + pid + ".");
                }
            }
        } else {
            out().println("No orchestrator is running mission '" + m + "'.");
        }

        RunStateStore store = RunSession.store(root, m);
        Optional<RunState> state = store.load();
        if (state.isPresent() && state.get().status() != RunStatus.COMPLETED
                && state.get().status() != RunStatus.ABORTED) {
            store.save(RunState.builder().from(state.get()).status(RunStatus.ABORTED).endedAt(Instant.now()).build());
            out().println("Run " + state.get().runId() + " recorded as aborted (it will not be resumed).");
        } else if (state.isPresent()) {
            out().println("Run " + state.get().runId() + " is " + state.get().status().name().toLowerCase(
                    java.util.Locale.ROOT) + "; left as is.");
        } else {
            out().println("No run state for mission '" + m + "'.");
        }

        if (cleanupWorktrees) {
            code = cleanup(root, m);
        }
        return code;
    }

    private static boolean waitFor(ProcessHandle ph, Duration d) {
        return OrphanAgents.awaitEnd(java.util.List.of(ph), d);
    }

    private int cleanup(Path root, String m) {
        Processes.Result list = Processes.run(List.of("git", "worktree", "list", "--porcelain"), root,
                Duration.ofSeconds(30), Map.of());
        if (!list.ok()) {
            throw new CliException(ExitCode.USAGE, "cannot list git worktrees in " + root + ": " + list.stderr().trim());
        }
        Path base = root.resolve(".worktrees").toAbsolutePath().normalize();
        List<Path> mine = new ArrayList<>();
        for (String line : list.stdout().split("\n")) {
            if (line.startsWith("worktree ")) {
                Path p = Path.of(line.substring("worktree ".length()).trim()).toAbsolutePath().normalize();
                if (p.getParent() != null && sameFile(p.getParent(), base)
                        && p.getFileName().toString().startsWith(m + "-")) {
                    mine.add(p);
                }
            }
        }
        if (mine.isEmpty()) {
            out().println("No lane worktrees of mission '" + m + "' under " + base + ".");
            return ExitCode.OK;
        }
        List<String> dirty = new ArrayList<>();
        for (Path wt : mine) {
            Processes.Result st = Processes.run(List.of("git", "status", "--porcelain"), wt, Duration.ofSeconds(30),
                    Map.of());
            if (!st.ok()) {
                dirty.add(wt + " (cannot read its status: " + st.stderr().trim() + ")");
                continue;
            }
            if (!st.stdout().isBlank()) {
                dirty.add(wt + " (" + st.stdout().strip().split("\n").length + " uncommitted change(s))");
                continue;
            }
            Processes.Result rm = Processes.run(List.of("git", "worktree", "remove", wt.toString()), root,
                    Duration.ofSeconds(60), Map.of());
            if (rm.ok()) {
                out().println("Removed worktree " + root.relativize(wt) + " (its branch is kept).");
            } else {
                dirty.add(wt + " (git refused: " + rm.stderr().trim() + ")");
            }
        }
        if (!dirty.isEmpty()) {
            err().println("Kept worktrees with uncommitted work (commit or discard it, then rerun):");
            dirty.forEach(d -> err().println("  " + d));
            return ExitCode.NOT_DONE;
        }
        return ExitCode.OK;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return a.equals(b);
        }
    }
}
