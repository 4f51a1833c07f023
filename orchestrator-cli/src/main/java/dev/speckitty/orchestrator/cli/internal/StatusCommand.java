package dev.speckitty.orchestrator.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.WorkPackageState;
import dev.speckitty.orchestrator.core.state.AttemptRecord;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.core.state.WorkPackageRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code status}: the run's local state joined with the host's lanes (one {@code mission-state} call). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows a mission's run: whether an orchestrator is running it, and per work package the host's"
            + " lane joined with the run's attempts, agents, cost and last error.",
            "Makes one mission-state host call (per refresh with --watch)."})
final class StatusCommand extends BaseCommand {
    @Option(names = {"-m", "--mission", "--feature"}, paramLabel = "<slug>",
            description = "The mission; may be left out when only one mission has a run state.")
    String mission;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--json", description = "Print one JSON document (with --watch: one per line per refresh).")
    boolean json;

    @Option(names = "--watch", description = "Refresh until the run is no longer running (or Ctrl-C).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "<seconds>", defaultValue = "5",
            description = "Refresh interval for --watch (default ${DEFAULT-VALUE}).")
    int interval;

    StatusCommand(CliContext context) {
        super(context);
    }

    @Override
    @SuppressWarnings("try")
    public Integer call() throws Exception {
        if (interval < 1) {
            throw new CliException(ExitCode.USAGE, "--interval must be at least 1 second");
        }
        Path root = project.resolveRoot(context.cwd());
        String m = StoredRuns.missionOrOnly(root, mission);
        CliSettings settings = ConfigLoader.load(root, context.env(),
                project.host == null ? Map.of() : Map.of("host", project.host));
        OrchestratorClient hostClient = null;
        String hostProblem = null;
        try {
            hostClient = RunSession.client(RunSession.resolveHost(settings.host(), context), root);
        } catch (CliException e) {
            hostProblem = e.getMessage();
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (OrchestratorClient client = hostClient;
                Interrupts interrupts = watch && context.realProcess() ? Interrupts.install(stop::countDown, err())
                        : null) {
            while (true) {
                Snapshot s = snapshot(root, m, client, hostProblem);
                if (json) {
                    ObjectMapper mapper = new ObjectMapper();
                    if (!watch) {
                        mapper.enable(SerializationFeature.INDENT_OUTPUT);
                    }
                    out().println(mapper.writeValueAsString(toJson(mapper, s)));
                } else {
                    print(out(), s);
                }
                out().flush();
                if (!watch || !s.running()) {
                    return s.hostError().isPresent() && s.state().isEmpty() ? ExitCode.HOST : ExitCode.OK;
                }
                if (stop.await(interval, TimeUnit.SECONDS)) {
                    return ExitCode.OK;
                }
            }
        }
    }

    record Snapshot(String mission, Optional<RunState> state, Optional<MissionLock.Holder> holder,
            Optional<MissionStateResult> host, Optional<String> hostError, Instant at) {
        boolean running() {
            return holder.isPresent();
        }
    }

    static Snapshot snapshot(Path root, String mission, OrchestratorClient client, String hostProblem) {
        Optional<RunState> state = RunSession.store(root, mission).load();
        Optional<MissionLock.Holder> holder = MissionLock.currentHolder(root, mission);
        Optional<MissionStateResult> host = Optional.empty();
        Optional<String> error = Optional.ofNullable(hostProblem);
        if (client != null) {
            try {
                host = Optional.of(client.missionState(mission));
            } catch (RuntimeException e) {
                error = Optional.of(ErrorReporter.message(e));
            }
        }
        return new Snapshot(mission, state, holder, host, error, Instant.now());
    }

    private static String runStatus(Snapshot s) {
        if (s.state().isEmpty()) {
            return s.running() ? "running" : "no run recorded";
        }
        RunStatus st = s.state().get().status();
        if (st == RunStatus.RUNNING && !s.running()) {
            return "interrupted (the orchestrator process is gone; resume to continue)";
        }
        return st.name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> wpIds(Snapshot s) {
        Set<String> ids = new LinkedHashSet<>();
        s.host().ifPresent(h -> h.workPackages().forEach(w -> ids.add(w.wpId())));
        s.state().ifPresent(st -> ids.addAll(new java.util.TreeSet<>(st.workPackages().keySet())));
        return ids;
    }

    private static double cost(WorkPackageRecord r) {
        return r.attempts().stream().mapToDouble(a -> a.usage().flatMap(u -> u.costUsd().isPresent()
                ? Optional.of(u.costUsd().getAsDouble()) : Optional.empty()).orElse(0.0)).sum();
    }

    private static Optional<AttemptRecord> last(WorkPackageRecord r) {
        return r.attempts().isEmpty() ? Optional.empty() : Optional.of(r.attempts().get(r.attempts().size() - 1));
    }

    static void print(PrintWriter out, Snapshot s) {
        out.println("Mission " + s.mission() + ": " + runStatus(s)
                + s.holder().map(h -> " (pid " + h.pid() + ")").orElse(""));
        s.state().ifPresent(st -> out.println("Run " + st.runId() + ", started " + st.startedAt()
                + st.endedAt().map(e -> ", ended " + e + " (" + RunView.elapsed(Duration.between(st.startedAt(), e))
                        + ")").orElse("")));
        s.hostError().ifPresent(e -> out.println("warning: cannot read the host's lanes: " + e));
        out.printf(Locale.ROOT, "%-5s %-12s %5s %7s %-16s %9s  %s%n", "WP", "LANE", "IMPL", "REVIEW", "LAST AGENT",
                "COST", "LAST ERROR");
        for (String wp : wpIds(s)) {
            String lane = s.host().flatMap(h -> h.workPackage(wp)).map(WorkPackageState::laneAsString).orElse("?");
            Optional<WorkPackageRecord> r = s.state().map(st -> st.workPackages().get(wp));
            long impl = r.map(x -> x.attempts().stream().filter(a -> a.role().name().equals("IMPLEMENTER")).count())
                    .orElse(0L);
            long rev = r.map(x -> x.attempts().stream().filter(a -> a.role().name().equals("REVIEWER")).count())
                    .orElse(0L);
            String agent = r.flatMap(StatusCommand::last).map(a -> a.agent() + " (" + a.role().name()
                    .toLowerCase(Locale.ROOT).charAt(0) + ")").orElse("");
            double c = r.map(StatusCommand::cost).orElse(0.0);
            String err = r.flatMap(x -> x.quarantine().map(q -> "quarantined: " + q).or(x::lastError)).orElse("");
            if (err.length() > 80) {
                err = err.substring(0, 79) + "…";
            }
            out.printf(Locale.ROOT, "%-5s %-12s %5d %7d %-16s %9s  %s%n", wp, lane, impl, rev, agent,
                    c == 0 ? "" : String.format(Locale.ROOT, "$%.4f", c), err.replace('\n', ' '));
        }
    }

    static ObjectNode toJson(ObjectMapper mapper, Snapshot s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("mission", s.mission());
        o.put("running", s.running());
        s.holder().ifPresent(h -> o.put("pid", h.pid()));
        o.put("status", s.state().map(st -> st.status() == RunStatus.RUNNING && !s.running() ? "interrupted"
                : st.status().name().toLowerCase(Locale.ROOT)).orElse(s.running() ? "running" : "none"));
        s.state().ifPresent(st -> {
            o.put("run_id", st.runId());
            o.put("started_at", st.startedAt().toString());
            st.endedAt().ifPresent(e -> o.put("ended_at", e.toString()));
        });
        o.put("host_error", s.hostError().orElse(null));
        ArrayNode wps = o.putArray("work_packages");
        for (String wp : wpIds(s)) {
            ObjectNode w = wps.addObject();
            w.put("wp_id", wp);
            w.put("lane", s.host().flatMap(h -> h.workPackage(wp)).map(WorkPackageState::laneAsString).orElse(null));
            Optional<WorkPackageRecord> r = s.state().map(st -> st.workPackages().get(wp));
            w.put("implementation_attempts", r.map(x -> x.attempts().stream()
                    .filter(a -> a.role().name().equals("IMPLEMENTER")).count()).orElse(0L));
            w.put("review_attempts", r.map(x -> x.attempts().stream()
                    .filter(a -> a.role().name().equals("REVIEWER")).count()).orElse(0L));
            w.put("review_cycles", r.map(x -> x.reviews().size()).orElse(0));
            w.put("last_agent", r.flatMap(StatusCommand::last).map(AttemptRecord::agent).orElse(null));
            w.put("cost_usd", r.map(StatusCommand::cost).orElse(0.0));
            w.put("last_error", r.flatMap(WorkPackageRecord::lastError).orElse(null));
            w.put("quarantine", r.flatMap(WorkPackageRecord::quarantine).orElse(null));
        }
        return o;
    }
}
