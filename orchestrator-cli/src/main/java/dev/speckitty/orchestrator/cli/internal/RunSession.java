package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.MergeStrategy;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.OrchestrationListener;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentLauncher;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One orchestration run as the CLI does it, shared by {@code orchestrate}, {@code resume} and {@code demo}: resolve
 * the host, build the engine from the settings, take the mission lock, start logging, display and sleep inhibition,
 * handle signals, run, print the summary and map the outcome to an exit code.
 */
final class RunSession {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);
    /** How long a left-over agent gets between SIGTERM and SIGKILL. */
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);
    /** How long to wait for a left-over host call to finish its change. */
    private static final Duration LEFTOVER_HOST_WAIT = Duration.ofMinutes(2);

    /**
     * What to run.
     *
     * @param mission the mission selector
     * @param settings the effective settings
     * @param accept whether to accept the mission at the end
     * @param merge whether to merge the mission at the end
     * @param events the JSON-lines events file, if any
     * @param dryRun whether to only report the plan
     * @param resume whether to continue the stored run
     * @param runId the run id (new, or the stored one on resume)
     * @param extraAdapters adapters to register besides the configured ones (the demo's scripted agents)
     * @param launcher the agent launcher override (tests), or empty for processes
     * @param tweak last changes to the engine options (the demo's short back-off), identity otherwise
     */
    record Plan(String mission, CliSettings settings, boolean accept, boolean merge, Optional<Path> events,
            boolean dryRun, boolean resume, String runId, List<AgentAdapter> extraAdapters,
            Optional<AgentLauncher> launcher, UnaryOperator<EngineOptions.Builder> tweak) {

        Plan(String mission, CliSettings settings, boolean accept, boolean merge, Optional<Path> events,
                boolean dryRun, boolean resume, String runId) {
            this(mission, settings, accept, merge, events, dryRun, resume, runId, List.of(), Optional.empty(),
                    UnaryOperator.identity());
        }
    }

    private RunSession() {
    }

    static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The per-mission run-state file: one per mission, as the lock is per mission. */
    static Path stateFile(Path root, String mission) {
        return root.resolve(".kittify").resolve("orchestrator-run-state-" + mission.replaceAll("[^A-Za-z0-9._-]", "_")
                + ".json");
    }

    static RunStateStore store(Path root, String mission) {
        return RunStateStores.jsonFile(stateFile(root, mission));
    }

    /** The launch options stored in the run state so that {@code resume} can rebuild the same run. */
    static Map<String, Object> launchOptions(Plan plan) {
        CliSettings s = plan.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cli_version", VersionProvider.version());
        m.put("mission", plan.mission());
        m.put("max_concurrent_wps", s.maxConcurrent());
        m.put("actor", s.actor());
        m.put("host", s.host());
        m.put("inhibit_sleep", s.inhibitSleep());
        m.put("agents.implementation", s.implementationAgents());
        m.put("agents.review", s.reviewAgents());
        m.put("accept", plan.accept());
        m.put("merge", plan.merge());
        s.mergeTarget().ifPresent(t -> m.put("merge.target", t));
        s.mergeStrategy().ifPresent(t -> m.put("merge.strategy", t));
        m.put("merge.push", s.push());
        plan.events().ifPresent(e -> m.put("events", e.toString()));
        return m;
    }

    /** Finds the host executable: a path (relative to cwd) or a name on the context's PATH. */
    static Path resolveHost(String host, CliContext context) {
        if (host.contains("/") || host.contains(java.io.File.separator)) {
            Path p = context.cwd().resolve(host).toAbsolutePath().normalize();
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
            throw new CliException(ExitCode.HOST, "the host executable " + p + " does not exist or is not"
                    + " executable (install spec-kitty, or fix --host / the 'host' setting)");
        }
        return SleepInhibitor.onPath(host, context.env()).orElseThrow(() -> new CliException(ExitCode.HOST,
                "the host executable '" + host + "' is not on PATH. Install spec-kitty (pipx install"
                        + " spec-kitty-cli), or pass --host <path>; `spec-kitty-orchestrator doctor` checks the setup"));
    }

    static OrchestratorClient client(Path host, Path root) {
        return OrchestratorClient.builder().executable(host.toString()).projectRoot(root).build();
    }

    static OrchestrationEngine.Builder engineBuilder(Plan plan, Path root, Path host, OrchestratorClient client) {
        CliSettings s = plan.settings();
        AgentRegistry registry = new AgentRegistry(s);
        Set<String> chainIds = new LinkedHashSet<>(s.implementationAgents());
        chainIds.addAll(s.reviewAgents());
        Set<String> extraIds = new LinkedHashSet<>();
        plan.extraAdapters().forEach(a -> extraIds.add(a.id()));
        for (String id : chainIds) {
            if (!extraIds.contains(id)) {
                registry.adapter(id); // unknown ids fail here, with a hint
            }
        }
        List<AgentAdapter> adapters = new ArrayList<>();
        for (String id : registry.ids()) {
            adapters.add(wrap(registry.adapter(id), s));
        }
        plan.extraAdapters().forEach(a -> adapters.add(wrap(a, s)));

        Map<String, Integer> concurrency = new LinkedHashMap<>();
        Map<String, String> models = new LinkedHashMap<>();
        Map<String, List<String>> extraArgs = new LinkedHashMap<>();
        Duration implTimeout = s.agentTimeout();
        Duration reviewTimeout = s.agentTimeout();
        for (Map.Entry<String, CliSettings.AgentSettings> e : s.agentSettings().entrySet()) {
            CliSettings.AgentSettings a = e.getValue();
            a.maxConcurrent().ifPresent(n -> concurrency.put(e.getKey(), n));
            a.model().ifPresent(m -> models.put(e.getKey(), m));
            if (!a.extraArgs().isEmpty()) {
                extraArgs.put(e.getKey(), a.extraArgs());
            }
            // the engine's limit must not cut a longer per-agent limit short; the launcher applies the exact one
            if (a.implementationTimeout().isPresent() && a.implementationTimeout().get().compareTo(implTimeout) > 0) {
                implTimeout = a.implementationTimeout().get();
            }
            if (a.reviewTimeout().isPresent() && a.reviewTimeout().get().compareTo(reviewTimeout) > 0) {
                reviewTimeout = a.reviewTimeout().get();
            }
        }
        EngineOptions.Builder o = EngineOptions.builder()
                .projectRoot(root)
                .maxConcurrent(s.maxConcurrent())
                .agentConcurrency(concurrency)
                .implementationAgents(s.implementationAgents())
                .reviewAgents(s.singleAgentMode() ? s.implementationAgents() : s.reviewAgents())
                .preferDistinctReviewer(!s.singleAgentMode())
                .agentModels(models)
                .agentExtraArgs(extraArgs)
                .implementationTimeout(implTimeout)
                .reviewTimeout(reviewTimeout)
                .maxReviewCycles(s.maxRetries() + 1)
                .maxAttemptsPerAgent(s.maxRetries() + 1)
                .accept(plan.accept())
                .merge(plan.merge())
                .mergePush(s.push())
                .actor(s.actor())
                .dryRun(plan.dryRun())
                .hostExecutable(host)
                // the engine adds the run id itself: agent logs land next to orchestrator.log
                .logDirectory(logDirectory(root, plan.runId()).getParent());
        s.mergeTarget().ifPresent(o::mergeTarget);
        s.mergeStrategy().ifPresent(m -> o.mergeStrategy(MergeStrategy.fromWire(m)));
        AgentLauncher launcher = plan.launcher().orElseGet(ProcessAgentLauncher::create);
        return OrchestrationEngine.builder()
                .client(client)
                .options(plan.tweak().apply(o).build())
                .launcher(new PerAgentTimeoutLauncher(launcher))
                .adapters(adapters)
                .runStateStore(store(root, plan.mission()));
    }

    private static AgentAdapter wrap(AgentAdapter a, CliSettings s) {
        CliSettings.AgentSettings settings = s.agentSettings().get(a.id());
        if (settings == null && s.agentIdleTimeout().isEmpty()) {
            return a;
        }
        return new ConfiguredAgent(a, settings == null ? CliSettings.AgentSettings.NONE : settings,
                s.agentIdleTimeout());
    }

    static Path logDirectory(Path root, String runId) {
        return root.resolve(".kittify").resolve("logs").resolve(runId);
    }

    /**
     * Runs the plan.
     *
     * @return the exit code
     */
    @SuppressWarnings("try")
    static int run(BaseCommand cmd, Plan plan, Path root) {
        CliContext context = cmd.context;
        PrintWriter out = cmd.out();
        PrintWriter err = cmd.err();
        CliSettings s = plan.settings();
        Path host = resolveHost(s.host(), context);
        Clock clock = Clock.systemUTC();
        try (OrchestratorClient client = client(host, root)) {
            OrchestrationEngine.Builder builder = engineBuilder(plan, root, host, client);
            // fail fast (exit 3) on a missing or incompatible host, before taking the lock
            client.hostInfo();
            if (plan.dryRun()) {
                return dryRun(cmd, plan, builder);
            }
            try (MissionLock lock = MissionLock.acquire(root, plan.mission(), plan.runId(), clock.instant())) {
                lock.takenOverFrom().ifPresent(h -> err.println("note: took over a stale lock left by pid " + h.pid()
                        + " (run " + h.runId() + ")"));
                settleLeftovers(root, plan.mission(), err);
                Path logDir = logDirectory(root, plan.runId());
                Files.createDirectories(logDir);
                try (RunLogging logging = RunLogging.start(logDir.resolve("orchestrator.log"), cmd.verbose());
                        Display display = Display.choose(out, cmd.output.quiet, context.realProcess(), clock);
                        EventsFile events = EventsFile.open(plan.events(), context.cwd());
                        SleepInhibitor inhibitor = SleepInhibitor.start(s.inhibitSleep() && context.realProcess(),
                                context.env())) {
                    builder.addListener(new DisplayListener(display));
                    // the run's log file gets every event, whatever the display shows
                    builder.addListener(e -> LOG.info("{} {}", e.type().name().toLowerCase(java.util.Locale.ROOT),
                            DisplayListener.line(e)));
                    events.listener().ifPresent(builder::addListener);
                    OrchestrationEngine engine = builder.build();
                    LOG.info("{} mission {} run {} (cli {}, host {}, agents {} / {}, max concurrent {})",
                            plan.resume() ? "resuming" : "starting", plan.mission(), plan.runId(),
                            VersionProvider.version(), host, s.implementationAgents(), s.reviewAgents(),
                            s.maxConcurrent());
                    if (!cmd.output.quiet) {
                        err.println((plan.resume() ? "Resuming" : "Orchestrating") + " mission " + plan.mission()
                                + " (run " + plan.runId() + "); logs in " + root.relativize(logDir)
                                + (inhibitor.active() ? "; sleep inhibited" : ""));
                    }
                    RunReport report;
                    try (Interrupts interrupts = context.realProcess()
                            ? Interrupts.install(engine::requestStop, err) : null) {
                        report = engine.run(RunRequest.builder()
                                .mission(plan.mission())
                                .resume(plan.resume())
                                .runId(plan.runId())
                                .launchOptions(launchOptions(plan))
                                .build());
                    }
                    display.close();
                    LOG.info("run {} ended: {}", plan.runId(), report.status());
                    Summary.print(out, report, root, logDir, plan.merge());
                    return exitCode(report);
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot write under " + root.resolve(".kittify") + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deals with what a killed orchestrator of this mission left running, before the engine starts: its agents are
     * stopped (otherwise the engine would start a second implementation or review of their WP in the same worktree
     * while they still work there), its host calls are left to finish their change and waited for (so the engine
     * reads the host state after it). Only the holder of the mission lock calls this, so nothing found can belong to
     * a live orchestrator of the mission (on this machine).
     */
    static void settleLeftovers(Path root, String mission, PrintWriter err) {
        List<OrphanAgents.Orphan> orphans = OrphanAgents.find(root, mission);
        if (!orphans.isEmpty()) {
            String names = orphans.stream().map(OrphanAgents.Orphan::describe)
                    .collect(java.util.stream.Collectors.joining(", "));
            err.println("note: stopping " + orphans.size() + " agent process(es) left running by a killed"
                    + " orchestrator: " + names + "; their WPs are picked up again");
            err.flush();
            LOG.warn("stopping agents left running by a killed orchestrator: {}", names);
            List<ProcessHandle> alive = OrphanAgents.stop(orphans, LEFTOVER_GRACE);
            if (!alive.isEmpty()) {
                throw new CliException(ExitCode.LOCKED, "cannot stop agent process(es) "
                        + alive.stream().map(h -> Long.toString(h.pid())).collect(java.util.stream.Collectors
                                .joining(", ")) + " left running by a killed orchestrator of mission '" + mission
                        + "'; stop them (kill -9 <pid>) and run the command again");
            }
        }
        List<ProcessHandle> calls = OrphanAgents.hostCalls(root, mission);
        if (!calls.isEmpty()) {
            String pids = calls.stream().map(h -> Long.toString(h.pid())).collect(java.util.stream.Collectors
                    .joining(", "));
            err.println("note: waiting for " + calls.size() + " host call(s) left by a killed orchestrator to finish"
                    + " (pid " + pids + ")");
            err.flush();
            LOG.info("waiting for host calls left by a killed orchestrator: {}", pids);
            if (!OrphanAgents.awaitEnd(calls, LEFTOVER_HOST_WAIT)) {
                err.println("warning: host call(s) " + pids + " still running after "
                        + LEFTOVER_HOST_WAIT.toSeconds() + " s; continuing");
            }
        }
    }

    static int exitCode(RunReport report) {
        return switch (report.status()) {
            case COMPLETED -> ExitCode.OK;
            case INTERRUPTED -> ExitCode.INTERRUPTED;
            default -> ExitCode.NOT_DONE;
        };
    }

    private static int dryRun(BaseCommand cmd, Plan plan, OrchestrationEngine.Builder builder) {
        PrintWriter out = cmd.out();
        CliSettings s = plan.settings();
        out.println("Dry run of mission " + plan.mission() + ": nothing is claimed, no agent runs, no lock.");
        out.println("  implementation agents: " + String.join(" -> ", s.implementationAgents()) + installed(
                s.implementationAgents(), plan));
        out.println("  review agents:         " + String.join(" -> ", s.singleAgentMode()
                ? List.of("(the implementer)") : s.reviewAgents()) + (s.singleAgentMode() ? ""
                : installed(s.reviewAgents(), plan)));
        out.println("  max concurrent: " + s.maxConcurrent() + ", retries: " + s.maxRetries() + ", agent timeout: "
                + s.agentTimeout().toMinutes() + " min, actor: " + s.actor());
        if (plan.accept() || plan.merge()) {
            out.println("  finish: " + (plan.accept() ? "accept" : "") + (plan.accept() && plan.merge() ? ", " : "")
                    + (plan.merge() ? "merge into " + s.mergeTarget().orElse("(host default)") + " ("
                            + s.mergeStrategy().orElse("merge") + (s.push() ? ", push" : "") + ")" : ""));
        }
        builder.addListener(e -> {
            if (e.type() == dev.speckitty.orchestrator.core.EventType.PLAN
                    || e.type() == dev.speckitty.orchestrator.core.EventType.MISSION_LOADED
                    || e.type() == dev.speckitty.orchestrator.core.EventType.WARNING) {
                out.println("  " + (e.message().isEmpty() ? e.type().name().toLowerCase(java.util.Locale.ROOT)
                        : e.message()) + (e.fields().isEmpty() ? "" : " " + e.fields()));
            }
        });
        RunReport report = builder.build().run(RunRequest.builder().mission(plan.mission()).runId(plan.runId())
                .build());
        for (var wp : report.workPackages()) {
            out.println("  " + wp.wpId() + " " + wp.lane());
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String installed(List<String> ids, Plan plan) {
        List<String> missing = new ArrayList<>();
        AgentRegistry registry = new AgentRegistry(plan.settings());
        Set<String> extra = new LinkedHashSet<>();
        plan.extraAdapters().forEach(a -> extra.add(a.id()));
        for (String id : ids) {
            if (!extra.contains(id) && !AgentAdapters.installed(registry.adapter(id))) {
                missing.add(id);
            }
        }
        return missing.isEmpty() ? "" : "   (not installed: " + String.join(", ", missing) + ")";
    }

    /** The {@code --events} JSON-lines file. */
    static final class EventsFile implements AutoCloseable {
        private final Writer writer;

        private EventsFile(Writer writer) {
            this.writer = writer;
        }

        static EventsFile open(Optional<Path> file, Path cwd) throws IOException {
            if (file.isEmpty()) {
                return new EventsFile(null);
            }
            Path p = cwd.resolve(file.get());
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            return new EventsFile(Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        }

        Optional<OrchestrationListener> listener() {
            return writer == null ? Optional.empty() : Optional.of(OrchestrationListener.jsonLines(writer));
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
