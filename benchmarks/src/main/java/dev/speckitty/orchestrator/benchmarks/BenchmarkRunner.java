package dev.speckitty.orchestrator.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.MissionStateRequest;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.WorkPackageReport;
import dev.speckitty.orchestrator.core.spi.GitOperations;
import dev.speckitty.orchestrator.core.spi.WorkScheduler;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.core.strategy.WorkSchedulers;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every benchmark and prints one plain-text table per benchmark, then writes all tables as JSON. It measures and
 * reports; it asserts nothing about time.
 *
 * <p>Usage: {@code BenchmarkRunner [--quick|--full] [--only=traffic,latency,makespan,overhead,client,startup,memory]
 * [--out=path.json]}, or {@code BenchmarkRunner --probe fifo|critical-path <WPs> <limit seconds>} for one
 * engine-overhead run of any size. {@code --quick} (the default) is the small CI configuration; {@code --full} is the one recorded
 * in {@code docs/performance.md}. The system property {@code bench.output} also sets the JSON path (default
 * {@code target/benchmark-results.json}).
 */
public final class BenchmarkRunner {
    /** Ids of every table the runner produces, in order. */
    public static final List<String> TABLE_IDS =
            List.of("traffic", "latency", "makespan", "overhead", "client", "startup", "memory");

    private final boolean full;
    private final PrintStream out;
    private final List<Table> tables = new ArrayList<>();

    private BenchmarkRunner(boolean full, PrintStream out) {
        this.full = full;
        this.out = out;
    }

    /**
     * Command-line entry point; see the class comment for the arguments. Exits with status 2 on a bad argument.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--probe")) {
            try {
                probe(java.util.Arrays.copyOfRange(args, 1, args.length));
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
            System.exit(0);
        }
        try {
            run(List.of(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        System.exit(0); // engine and process-reaper threads must not keep a finished run alive
    }

    /**
     * Runs the selected benchmarks, printing tables to {@code out} and writing the JSON results file.
     *
     * @param args the arguments (see the class comment); never null
     * @param out where the tables go; never null
     * @return the ids of the tables produced, in order
     * @throws IllegalArgumentException on an unknown argument
     * @throws UncheckedIOException when the JSON results file cannot be written
     */
    public static List<String> run(List<String> args, PrintStream out) {
        boolean full = false;
        Set<String> only = new LinkedHashSet<>(TABLE_IDS);
        Path json = Path.of(System.getProperty("bench.output", "target/benchmark-results.json"));
        for (String a : args) {
            if (a.equals("--full")) {
                full = true;
            } else if (a.equals("--quick")) {
                full = false;
            } else if (a.startsWith("--only=")) {
                only = new LinkedHashSet<>(List.of(a.substring(7).split(",")));
                if (!TABLE_IDS.containsAll(only)) {
                    throw new IllegalArgumentException("--only takes a comma-separated subset of " + TABLE_IDS);
                }
            } else if (a.startsWith("--out=")) {
                json = Path.of(a.substring(6));
            } else {
                throw new IllegalArgumentException("unknown argument '" + a
                        + "'; use --quick, --full, --only=<ids> or --out=<file.json>");
            }
        }
        BenchmarkRunner r = new BenchmarkRunner(full, out);
        out.println("spec-kitty orchestrator benchmarks (" + (full ? "full" : "quick") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
                + ", " + OffsetDateTime.now(ZoneOffset.UTC));
        for (String id : only) {
            long t0 = System.nanoTime();
            Table t;
            try {
                t = switch (id) {
                    case "traffic" -> r.traffic();
                    case "latency" -> r.latency();
                    case "makespan" -> r.makespan();
                    case "overhead" -> r.overhead();
                    case "client" -> r.client();
                    case "startup" -> r.startup();
                    case "memory" -> r.memory();
                    default -> throw new IllegalStateException(id);
                };
            } catch (RuntimeException | InterruptedException | IOException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                t = new Table(id, "FAILED: " + id, "error").row(e.toString());
                e.printStackTrace(out);
            }
            t.figures.put("benchmark_seconds", (System.nanoTime() - t0) / 1e9);
            t.print(out);
            r.tables.add(t);
        }
        r.writeJson(json);
        out.println();
        out.println("results written to " + json.toAbsolutePath());
        return r.tables.stream().map(t -> t.id).collect(Collectors.toList());
    }

    private void writeJson(Path json) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("configuration", full ? "full" : "quick");
        root.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        root.put("tables", tables.stream().map(Table::toMap).collect(Collectors.toList()));
        try {
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    // ================================================================================================ engine wiring

    private static OrchestrationEngine engine(OrchestratorClient client, Path root, int concurrency,
            WorkScheduler scheduler, ScriptedLauncher launcher, GitOperations git) {
        EngineOptions options = EngineOptions.builder().projectRoot(root).maxConcurrent(concurrency)
                .implementationAgents(List.of(ScriptedLauncher.IMPLEMENTER))
                .reviewAgents(List.of(ScriptedLauncher.REVIEWER))
                .logDirectory(root.resolve(".bench-logs")).build();
        OrchestrationEngine.Builder b = OrchestrationEngine.builder().client(client).options(options)
                .launcher(launcher).adapters(ScriptedLauncher.adapters()).scheduler(scheduler);
        if (git != null) {
            b.git(git).runStateStore(RunStateStores.inMemory());
        }
        return b.build();
    }

    /** Runs with a wall-clock limit; on expiry asks the engine to stop and returns empty. */
    private static Optional<RunReport> runWithLimit(OrchestrationEngine engine, String mission, Duration limit)
            throws InterruptedException {
        CompletableFuture<RunReport> f = CompletableFuture.supplyAsync(() -> engine.run(RunRequest.of(mission)));
        try {
            return Optional.of(f.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            engine.stopNow();
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException ignored) {
                // the run is abandoned either way
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("engine run failed: " + e.getCause(), e.getCause());
        }
    }

    private static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // ================================================================================================ 1. traffic

    private record SimRun(RunReport report, GeneratedMission mission, List<RecordingTransport.Call> calls,
            double wallMs) {}

    private static SimRun simulatedRun(int wps, boolean rework, int concurrency, long seed) {
        try (TestProject p = TestProject.create()) {
            DagShape shape = wps == 4 ? DagShape.diamond() : DagShape.layeredRandom(seed);
            GeneratedMission m = p.addMission(MissionGenerator.builder().slug("bench").workPackages(wps)
                    .shape(shape).seed(seed).build());
            SimulatedHost host = SimulatedHost.builder().projectRoot(p.root()).build();
            RecordingTransport rt = new RecordingTransport(host.transport());
            OrchestratorClient client = OrchestratorClient.builder().transport(rt).projectRoot(p.root())
                    .assumeContractVersion("1.3.0").build();
            String selector = m.directoryName();
            ScriptedLauncher launcher = new ScriptedLauncher(wp -> 0L, rework, (wp, ws) -> {
                try {
                    Path f = ws.resolve("bench").resolve(wp + "-" + System.nanoTime() + ".txt");
                    Files.createDirectories(f.getParent());
                    Files.writeString(f, "work of " + wp + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                List<String> subtasks = m.subtasks().getOrDefault(wp, List.of());
                if (!subtasks.isEmpty()) {
                    host.markSubtasksDone(selector, subtasks.toArray(String[]::new));
                }
            });
            long t0 = System.nanoTime();
            RunReport report = engine(client, p.root(), concurrency, WorkSchedulers.criticalPath(), launcher, null)
                    .run(RunRequest.of(selector));
            double wall = (System.nanoTime() - t0) / 1e6;
            if (report.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("simulated run of " + wps + " WPs ended " + report.status() + ": "
                        + report.failureReason().orElse("") + " stuck=" + report.stuck());
            }
            return new SimRun(report, m, rt.calls(), wall);
        }
    }

    private Table traffic() {
        int[] sizes = full ? new int[] {4, 20, 99} : new int[] {4};
        int reps = full ? 3 : 1;
        int concurrency = 4;
        Duration reconcile = EngineOptions.builder().projectRoot(Path.of(".")).build().reconcileInterval();
        Table t = new Table("traffic", "1. Host calls per run and per WP (simulated host, in-process transport, real git)",
                "path", "WPs", "calls/run", "calls/WP", "mutating/WP", "list-ready", "unlocking events",
                "mission-state", "by command (median per run)", "run wall ms");
        for (String path : List.of("happy", "rework")) {
            for (int n : sizes) {
                List<Double> total = new ArrayList<>();
                List<Double> perWp = new ArrayList<>();
                List<Double> mutPerWp = new ArrayList<>();
                List<Double> listReady = new ArrayList<>();
                List<Double> unlocking = new ArrayList<>();
                List<Double> missionState = new ArrayList<>();
                List<Double> wall = new ArrayList<>();
                Map<String, List<Double>> byCommand = new TreeMap<>();
                for (int i = 0; i < reps; i++) {
                    SimRun r = simulatedRun(n, path.equals("rework"), concurrency, 11 + i);
                    Map<String, Integer> calls = r.report.hostCalls();
                    total.add((double) r.report.totalHostCalls());
                    perWp.add(r.report.totalHostCalls() / (double) n);
                    int mutating = 0;
                    for (WorkPackageReport w : r.report.workPackages()) {
                        mutating += w.hostCalls().getOrDefault("start-implementation", 0)
                                + w.hostCalls().getOrDefault("start-review", 0)
                                + w.hostCalls().getOrDefault("transition", 0);
                    }
                    mutPerWp.add(mutating / (double) n);
                    listReady.add((double) calls.getOrDefault("list-ready", 0));
                    missionState.add((double) calls.getOrDefault("mission-state", 0));
                    long unlock = r.mission.workPackageIds().stream()
                            .filter(wp -> !r.mission.dependents(wp).isEmpty()).count();
                    unlocking.add((double) unlock);
                    wall.add(r.wallMs);
                    calls.forEach((c, v) -> byCommand.computeIfAbsent(c, k -> new ArrayList<>()).add((double) v));
                }
                String by = byCommand.entrySet().stream()
                        .map(e -> e.getKey() + "=" + f1(Stats.of(e.getValue()).median()))
                        .collect(Collectors.joining(" "));
                t.row(path, n, Stats.of(total).fmt(0), Stats.of(perWp).fmt(2), Stats.of(mutPerWp).fmt(2),
                        Stats.of(listReady).fmt(0), Stats.of(unlocking).fmt(0), Stats.of(missionState).fmt(0), by,
                        Stats.of(wall).fmt(0));
                Map<String, Object> fig = new LinkedHashMap<>();
                fig.put("calls_per_wp", Stats.of(perWp).median());
                fig.put("mutating_per_wp", Stats.of(mutPerWp).median());
                fig.put("list_ready", Stats.of(listReady).median());
                fig.put("mission_state", Stats.of(missionState).median());
                t.figures.put(path + "_" + n, fig);
            }
        }
        t.note("shapes: 4 WPs = diamond; 20 and 99 WPs = layeredRandom(seed 11..); \"100 WPs\" is one mission of 99"
                + " WPs (ids are WP01..WP99)");
        t.note("rework path: the reviewer rejects the first review of every WP once; concurrency " + concurrency
                + "; instant agents; reconcile interval " + reconcile.toSeconds() + " s (default)");
        t.note("unlocking events = WPs with at least one dependent (each reaches done once); target: list-ready <= that"
                + " + 1 (initial), mutating/WP = 4 on the happy path");
        t.figures.put("reconcile_interval_s", reconcile.toSeconds());
        return t;
    }

    // ================================================================================================ 2. latency

    private Table latency() throws IOException, InterruptedException {
        int reps = full ? 3 : 1;
        Table t = new Table("latency", "2. Reaction latency: dependency done -> dependent start-implementation",
                "host", "mission", "samples", "median ms", "p75 ms", "max ms", "spread of run medians ms");
        // simulated host: from the end of the dependency's 'transition --to done' call to the start of the dependent's
        // start-implementation call, as seen by a timing transport decorator
        int n = full ? 20 : 4;
        List<Double> all = new ArrayList<>();
        List<Double> runMedians = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            SimRun r = simulatedRun(n, false, n, 21 + i);
            Map<String, Long> doneEnd = new HashMap<>();
            Map<String, Long> claimStart = new HashMap<>();
            for (RecordingTransport.Call c : r.calls) {
                if (c.exitCode() != 0 || c.wp() == null) {
                    continue;
                }
                if (c.command().equals("transition") && "done".equals(c.to())) {
                    doneEnd.put(c.wp(), c.endNanos());
                } else if (c.command().equals("start-implementation")) {
                    claimStart.putIfAbsent(c.wp(), c.startNanos());
                }
            }
            List<Double> run = latencies(r.mission.dependencies(), doneEnd, claimStart);
            all.addAll(run);
            runMedians.add(Stats.of(run).median());
        }
        Stats s = Stats.of(all);
        t.row("simulated (in-process, real git)", n + " WPs " + (n == 4 ? "diamond" : "layered"), s.n(),
                f1(s.median()), f1(s.p75()), f1(s.max()), Stats.of(runMedians).fmt(1));
        t.figures.put("simulated_median_ms", s.median());
        t.figures.put("simulated_max_ms", s.max());
        // in-memory host: host-side instants of the done transition and the claim
        int m = full ? 60 : 20;
        all = new ArrayList<>();
        runMedians = new ArrayList<>();
        for (int i = 0; i < reps + 1; i++) {
            Map<String, List<String>> graph = DagShape.layeredRandom(31 + i).dependencies(Math.min(m, 99));
            Path dir = tempDir("bench-latency-");
            try {
                InMemoryHost host = new InMemoryHost(dir, graph);
                engine(host, dir, graph.size(), WorkSchedulers.criticalPath(), ScriptedLauncher.instant(), new NoGit())
                        .run(RunRequest.of(InMemoryHost.MISSION));
                if (i == 0) {
                    continue; // warm-up
                }
                List<Double> run = latencies(graph, host.doneAt, host.claimedAt);
                all.addAll(run);
                runMedians.add(Stats.of(run).median());
            } finally {
                deleteTree(dir);
            }
        }
        s = Stats.of(all);
        t.row("in-memory (zero latency)", Math.min(m, 99) + " WPs layered", s.n(), f2(s.median()), f2(s.p75()),
                f2(s.max()), Stats.of(runMedians).fmt(2));
        t.figures.put("in_memory_median_ms", s.median());
        t.figures.put("in_memory_max_ms", s.max());
        t.note("concurrency = number of WPs, so a free agent slot never delays a claim; instant agents; target < 100 ms");
        t.note("latency of a WP with several dependencies is measured from the last of them reaching done");
        return t;
    }

    private static List<Double> latencies(Map<String, List<String>> deps, Map<String, Long> doneAt,
            Map<String, Long> claimAt) {
        List<Double> out = new ArrayList<>();
        deps.forEach((wp, ds) -> {
            if (ds.isEmpty() || !claimAt.containsKey(wp) || !ds.stream().allMatch(doneAt::containsKey)) {
                return;
            }
            long last = ds.stream().mapToLong(doneAt::get).max().orElseThrow();
            out.add((claimAt.get(wp) - last) / 1e6);
        });
        return out;
    }

    // ================================================================================================ 3. makespan

    private Table makespan() throws IOException, InterruptedException {
        long unitMs = full ? 20 : 5;
        int reps = full ? 3 : 1;
        int concurrency = 3;
        Map<String, Map<String, List<String>>> suite = new LinkedHashMap<>();
        if (full) {
            suite.put("chain(8)", DagShape.chain().dependencies(8));
            suite.put("fan-out(12)", DagShape.fanOut().dependencies(12));
            suite.put("fan-in(12)", DagShape.fanIn().dependencies(12));
            suite.put("diamond(4)", DagShape.diamond().dependencies(4));
            for (long seed = 1; seed <= 5; seed++) {
                suite.put("layered(24, seed " + seed + ")", DagShape.layeredRandom(seed).dependencies(24));
            }
        } else {
            suite.put("diamond(4)", DagShape.diamond().dependencies(4));
            suite.put("layered(12, seed 1)", DagShape.layeredRandom(1).dependencies(12));
        }
        Table t = new Table("makespan", "3. Makespan vs lower bound max(critical path, work/concurrency), "
                + "concurrency " + concurrency + ", 1 unit = " + unitMs + " ms",
                "shape", "bound units", "critical-path ms", "cp / bound", "FIFO ms", "FIFO / bound",
                "policy alone: cp / fifo / weighted-cp");
        for (WorkScheduler warm : List.of(WorkSchedulers.criticalPath(), WorkSchedulers.fifo())) {
            Path dir = tempDir("bench-warmup-"); // JIT warm-up so that the first shape is not measured cold
            try {
                Map<String, List<String>> g = DagShape.layeredRandom(99).dependencies(24);
                engine(new InMemoryHost(dir, g), dir, concurrency, warm, ScriptedLauncher.instant(), new NoGit())
                        .run(RunRequest.of(InMemoryHost.MISSION));
            } finally {
                deleteTree(dir);
            }
        }
        Map<String, List<Double>> layeredRatios = new LinkedHashMap<>();
        layeredRatios.put("critical-path", new ArrayList<>());
        layeredRatios.put("fifo", new ArrayList<>());
        layeredRatios.put("sim-cp", new ArrayList<>());
        layeredRatios.put("sim-fifo", new ArrayList<>());
        layeredRatios.put("sim-weighted", new ArrayList<>());
        for (Map.Entry<String, Map<String, List<String>>> e : suite.entrySet()) {
            Map<String, List<String>> graph = e.getValue();
            Map<String, Integer> units = durations(graph, e.getKey().hashCode());
            double bound = Math.max(criticalPath(graph, units),
                    units.values().stream().mapToInt(Integer::intValue).sum() / (double) concurrency);
            Map<String, List<Double>> runs = new LinkedHashMap<>();
            runs.put("critical-path", new ArrayList<>());
            runs.put("fifo", new ArrayList<>());
            for (int i = 0; i < reps; i++) {
                // alternate which scheduler goes first so drift on a shared machine does not favour one
                List<String> order = i % 2 == 0 ? List.of("critical-path", "fifo") : List.of("fifo", "critical-path");
                for (String sched : order) {
                    List<Double> ms = runs.get(sched);
                    Path dir = tempDir("bench-makespan-");
                    try {
                        InMemoryHost host = new InMemoryHost(dir, graph);
                        ScriptedLauncher l = new ScriptedLauncher(wp -> units.get(wp) * unitMs, false, (a, b) -> {});
                        WorkScheduler ws = sched.equals("fifo") ? WorkSchedulers.fifo() : WorkSchedulers.criticalPath();
                        long t0 = System.nanoTime();
                        RunReport r = engine(host, dir, concurrency, ws, l, new NoGit())
                                .run(RunRequest.of(InMemoryHost.MISSION));
                        double wall = (System.nanoTime() - t0) / 1e6;
                        if (r.status() != RunStatus.COMPLETED) {
                            throw new IllegalStateException("makespan run ended " + r.status());
                        }
                        ms.add(wall);
                    } finally {
                        deleteTree(dir);
                    }
                }
            }
            Map<String, Stats> bySched = new LinkedHashMap<>();
            for (String sched : runs.keySet()) {
                Stats s = Stats.of(runs.get(sched));
                bySched.put(sched, s);
                if (e.getKey().startsWith("layered")) {
                    layeredRatios.get(sched).add(s.median() / (bound * unitMs));
                }
            }
            Stats cp = bySched.get("critical-path");
            Stats fifo = bySched.get("fifo");
            double boundMs = bound * unitMs;
            double simCp = ListSchedule.makespan(graph, units, concurrency,
                    ListSchedule.unweightedCriticalPath(graph)) / bound;
            double simFifo = ListSchedule.makespan(graph, units, concurrency, ListSchedule.fifo()) / bound;
            double simW = ListSchedule.makespan(graph, units, concurrency,
                    ListSchedule.weightedCriticalPath(graph, units)) / bound;
            if (e.getKey().startsWith("layered")) {
                layeredRatios.get("sim-cp").add(simCp);
                layeredRatios.get("sim-fifo").add(simFifo);
                layeredRatios.get("sim-weighted").add(simW);
            }
            t.row(e.getKey(), f1(bound), cp.fmt(0), f2(cp.median() / boundMs), fifo.fmt(0),
                    f2(fifo.median() / boundMs), f2(simCp) + " / " + f2(simFifo) + " / " + f2(simW));
        }
        Stats cpL = Stats.of(layeredRatios.get("critical-path"));
        Stats fifoL = Stats.of(layeredRatios.get("fifo"));
        t.row("layered suite (median of ratios)", "", "", cpL.fmt(3), "", fifoL.fmt(3),
                f2(Stats.of(layeredRatios.get("sim-cp")).median()) + " / "
                        + f2(Stats.of(layeredRatios.get("sim-fifo")).median()) + " / "
                        + f2(Stats.of(layeredRatios.get("sim-weighted")).median()));
        t.figures.put("layered_policy_only_cp_ratio_median", Stats.of(layeredRatios.get("sim-cp")).median());
        t.figures.put("layered_policy_only_weighted_ratio_median",
                Stats.of(layeredRatios.get("sim-weighted")).median());
        t.figures.put("layered_cp_ratio_median", cpL.median());
        t.figures.put("layered_fifo_ratio_median", fifoL.median());
        t.note("in-memory zero-latency host, no git; implementer durations 1..5 units (seeded per shape), reviews"
                + " instant; the bound counts only agent time, so ratio - 1 is scheduling loss plus engine overhead");
        t.note("target: critical-path within 5 % of the bound (ratio <= 1.05) on the layered suite");
        t.note("policy alone = zero-overhead list-scheduling simulation of the same graph and durations: the engine's"
                + " critical-path order (chain length in WPs), FIFO, and a duration-weighted critical path (needs"
                + " estimates the engine does not have); engine ratio minus policy ratio = engine overhead");
        return t;
    }

    private static Map<String, Integer> durations(Map<String, List<String>> graph, long seed) {
        Random rnd = new Random(seed);
        Map<String, Integer> d = new LinkedHashMap<>();
        for (String wp : graph.keySet()) {
            d.put(wp, 1 + rnd.nextInt(5));
        }
        return d;
    }

    private static double criticalPath(Map<String, List<String>> graph, Map<String, Integer> units) {
        Map<String, Integer> finish = new HashMap<>();
        int best = 0;
        for (String wp : graph.keySet()) {
            best = Math.max(best, finishOf(wp, graph, units, finish));
        }
        return best;
    }

    private static int finishOf(String wp, Map<String, List<String>> graph, Map<String, Integer> units,
            Map<String, Integer> memo) {
        Integer known = memo.get(wp);
        if (known != null) {
            return known;
        }
        int start = 0;
        for (String d : graph.get(wp)) {
            start = Math.max(start, finishOf(d, graph, units, memo));
        }
        int f = start + units.get(wp);
        memo.put(wp, f);
        return f;
    }

    // ================================================================================================ 4. overhead

    /** {@code width} parallel chains: WP i depends on WP i-width (ids WP00001...). */
    static Map<String, List<String>> parallelChains(int n, int width) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            g.put(id(i), i > width ? List.of(id(i - width)) : List.of());
        }
        return g;
    }

    private static String id(int i) {
        return String.format("WP%05d", i);
    }

    private record EngineRunFigures(boolean finished, double wallMs, double cpuMs, long peakPoolBytes,
            long peakSampledBytes, long baselineBytes, int hostCalls) {}

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static EngineRunFigures inMemoryRun(int n, Duration limit) throws IOException, InterruptedException {
        return inMemoryRun(n, limit, WorkSchedulers.criticalPath());
    }

    private static EngineRunFigures inMemoryRun(int n, Duration limit, WorkScheduler scheduler)
            throws IOException, InterruptedException {
        Map<String, List<String>> graph = parallelChains(n, 8);
        Path dir = tempDir("bench-scale-");
        try {
            InMemoryHost host = new InMemoryHost(dir, graph);
            OrchestrationEngine engine = engine(host, dir, 8, scheduler,
                    ScriptedLauncher.instant(), new NoGit());
            System.gc();
            long baseline = heapUsed();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).collect(Collectors.toList());
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long[] sampled = {baseline};
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sampled[0] = Math.max(sampled[0], heapUsed());
                    try {
                        Thread.sleep(5); // sampling period of the memory probe
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Optional<RunReport> report = runWithLimit(engine, InMemoryHost.MISSION, limit);
            double wall = (System.nanoTime() - t0) / 1e6;
            double cpu = (processCpuNanos() - cpu0) / 1e6;
            sampler.interrupt();
            sampler.join();
            long peakPools = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            boolean ok = report.isPresent() && report.get().status() == RunStatus.COMPLETED && host.allDone();
            return new EngineRunFigures(ok, wall, cpu, peakPools, sampled[0], baseline,
                    report.map(RunReport::totalHostCalls).orElse(-1));
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * One engine-overhead run outside the tables, for sizes the full configuration cannot afford: prints CPU and wall
     * per WP of one in-memory run. Arguments: {@code fifo|critical-path}, the number of WPs, the limit in seconds.
     *
     * @param args the three arguments
     * @throws Exception when the run cannot be set up
     */
    public static void probe(String[] args) throws Exception {
        WorkScheduler ws = args[0].equals("fifo") ? WorkSchedulers.fifo() : WorkSchedulers.criticalPath();
        int n = Integer.parseInt(args[1]);
        Duration limit = Duration.ofSeconds(Long.parseLong(args[2]));
        inMemoryRun(100, Duration.ofSeconds(60), ws);
        EngineRunFigures f = inMemoryRun(n, limit, ws);
        System.out.printf(Locale.ROOT, "probe %s %d WPs: finished=%s CPU %.3f ms/WP, wall %.3f ms/WP, host calls/WP"
                + " %.2f%n", args[0], n, f.finished(), f.cpuMs() / n, f.wallMs() / n, f.hostCalls() / (double) n);
    }

    private Table overhead() throws IOException, InterruptedException {
        int[] sizes = full ? new int[] {100, 1_000, 10_000} : new int[] {100, 500};
        int reps = full ? 3 : 1;
        Table t = new Table("overhead", "4. Engine overhead: process CPU per WP, in-memory zero-latency host, instant agents",
                "scheduler", "WPs", "CPU ms/WP", "wall ms/WP", "CPU ms total", "host calls/WP",
                "growth vs previous size");
        for (String sched : List.of("critical-path", "fifo")) {
            WorkScheduler ws = sched.equals("fifo") ? WorkSchedulers.fifo() : WorkSchedulers.criticalPath();
            inMemoryRun(100, Duration.ofSeconds(60), ws); // warm-up (JIT)
            double prevPerWp = Double.NaN;
            for (int n : sizes) {
                // a limit of 12 ms wall per WP keeps a quadratic run from eating the whole benchmark
                Duration limit = Duration.ofSeconds(Math.max(40, n * 12L / 1000));
                List<Double> cpuPerWp = new ArrayList<>();
                List<Double> wallPerWp = new ArrayList<>();
                List<Double> cpuTotal = new ArrayList<>();
                List<Double> calls = new ArrayList<>();
                boolean finished = true;
                for (int i = 0; i < reps; i++) {
                    EngineRunFigures f = inMemoryRun(n, limit, ws);
                    if (!f.finished()) {
                        finished = false;
                        break;
                    }
                    cpuPerWp.add(f.cpuMs() / n);
                    wallPerWp.add(f.wallMs() / n);
                    cpuTotal.add(f.cpuMs());
                    calls.add(f.hostCalls() / (double) n);
                }
                if (!finished) {
                    t.row(sched, n, "did not finish within " + limit.toSeconds() + " s (> 12 ms/WP)", "", "", "", "");
                    t.figures.put(sched + "_cpu_ms_per_wp_" + n, "unfinished");
                    break;
                }
                Stats c = Stats.of(cpuPerWp);
                String growth = Double.isNaN(prevPerWp) ? "-"
                        : "per-WP CPU x" + f2(c.median() / prevPerWp) + " (1.00 = linear)";
                t.row(sched, n, c.fmt(3), Stats.of(wallPerWp).fmt(3), Stats.of(cpuTotal).fmt(0),
                        Stats.of(calls).fmt(2), growth);
                t.figures.put(sched + "_cpu_ms_per_wp_" + n, c.median());
                prevPerWp = c.median();
            }
        }
        t.note("graph: 8 parallel chains (WP i depends on WP i-8), ids WP00001.., concurrency 8, in-memory run state,"
                + " no git; the in-memory fake OrchestratorClient of this module implements the happy-path lane rules"
                + " because the simulated host and the mission format allow only WP01..WP99");
        t.note("process CPU (all threads: engine, fake host, GC, JIT) from OperatingSystemMXBean; one warm-up run of"
                + " 100 WPs per scheduler first; targets: < 1 ms/WP and per-WP cost roughly constant as size grows");
        return t;
    }

    // ================================================================================================ 7. memory

    private Table memory() throws IOException, InterruptedException {
        int reps = full ? 3 : 1;
        int n = 1_000;
        Table t = new Table("memory", "7. Peak heap of a " + n + "-WP run (in-memory host, instant agents)",
                "measure", "MiB");
        List<Double> pools = new ArrayList<>();
        List<Double> sampled = new ArrayList<>();
        List<Double> delta = new ArrayList<>();
        inMemoryRun(100, Duration.ofSeconds(60));
        for (int i = 0; i < reps; i++) {
            EngineRunFigures f = inMemoryRun(n, Duration.ofSeconds(full ? 300 : 40));
            pools.add(f.peakPoolBytes() / 1048576.0);
            sampled.add(f.peakSampledBytes() / 1048576.0);
            delta.add((f.peakSampledBytes() - f.baselineBytes()) / 1048576.0);
        }
        t.row("sum of heap pool peaks (GC MXBeans; upper bound)", Stats.of(pools).fmt(1));
        t.row("peak sampled heap used (MemoryMXBean, every 5 ms)", Stats.of(sampled).fmt(1));
        t.row("peak sampled minus heap after GC before the run", Stats.of(delta).fmt(1));
        t.figures.put("pool_peak_mib", Stats.of(pools).median());
        t.figures.put("sampled_peak_mib", Stats.of(sampled).median());
        t.note("heap used includes garbage not yet collected: the figure depends on -Xmx and the collector ("
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName())
                        .collect(Collectors.joining(", ")) + ", max heap "
                + Runtime.getRuntime().maxMemory() / 1048576 + " MiB)");
        return t;
    }

    // ================================================================================================ 5. client

    private Table client() throws IOException, InterruptedException {
        int reps = full ? 15 : 2;
        Path exe = SimulatedHostExecutable.path();
        Table t = new Table("client", "5. Client per-call overhead: ProcessTransport + decode vs bare spawn of the same"
                + " simulated executable (mission-state)", "measure", "ms (median (min–max))", "IQR");
        try (TestProject p = TestProject.create()) {
            GeneratedMission m = p.addMission(MissionGenerator.builder().slug("bench").workPackages(4)
                    .shape(DagShape.diamond()).build());
            String mission = m.directoryName();
            // the exact argv the client's process transport would run, captured through a transport
            TransportRequest[] captured = new TransportRequest[1];
            String[] cannedStdout = new String[1];
            OrchestratorClient capturing = OrchestratorClient.builder().transport(req -> {
                captured[0] = req;
                return TransportResponse.of(0, cannedStdout[0], "");
            }).projectRoot(p.root()).assumeContractVersion("1.3.0").build();
            cannedStdout[0] = "{}";
            try {
                capturing.missionState(MissionStateRequest.builder().mission(mission).build());
            } catch (RuntimeException expectedWithEmptyEnvelope) {
                // only the request is wanted here
            }
            List<String> argv = new ArrayList<>(List.of(exe.toString(), "orchestrator-api", captured[0].command()));
            for (TransportOption o : captured[0].options()) {
                argv.add("--" + o.name() + o.value().map(v -> "=" + v).orElse(""));
            }
            OrchestratorClient real = OrchestratorClient.builder().executable(exe.toString()).projectRoot(p.root())
                    .assumeContractVersion("1.3.0").build();
            bareSpawn(argv, p.root()); // warm the page cache
            real.missionState(mission);
            List<Double> bare = new ArrayList<>();
            List<Double> viaClient = new ArrayList<>();
            List<Double> diffs = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                double b = bareSpawn(argv, p.root());
                long t0 = System.nanoTime();
                real.missionState(mission);
                double c = (System.nanoTime() - t0) / 1e6;
                bare.add(b);
                viaClient.add(c);
                diffs.add(c - b);
            }
            // decode-only: the client over a transport that returns a recorded real envelope instantly
            cannedStdout[0] = bareSpawnStdout(argv, p.root());
            int loops = full ? 20_000 : 2_000;
            List<Double> decodeUs = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < loops; i++) {
                    capturing.missionState(mission);
                }
                if (round > 0) {
                    decodeUs.add((System.nanoTime() - t0) / 1e3 / loops);
                }
            }
            Stats sb = Stats.of(bare);
            Stats sc = Stats.of(viaClient);
            Stats sd = Stats.of(diffs);
            t.row("bare ProcessBuilder start + drain + wait", sb.fmt(1), f1(sb.p25()) + "–" + f1(sb.p75()));
            t.row("OrchestratorClient.missionState via ProcessTransport", sc.fmt(1), f1(sc.p25()) + "–" + f1(sc.p75()));
            t.row("per-call overhead (paired difference)", sd.fmt(1), f1(sd.p25()) + "–" + f1(sd.p75()));
            Stats dd = Stats.of(decodeUs);
            t.row("client work without a process (argv + decode), ms", String.format(Locale.ROOT, "%.4f", dd.median()
                    / 1000), "");
            t.figures.put("overhead_ms", sd.median());
            t.figures.put("decode_only_us", dd.median());
            t.figures.put("bare_spawn_ms", sb.median());
            t.note(reps + " alternating pairs; argv " + argv.subList(1, argv.size())
                    + "; each spawn is a JVM start of the simulated host, so the spawn itself dominates; target < 10 ms");
        }
        return t;
    }

    private static double bareSpawn(List<String> argv, Path root) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        bareSpawnStdout(argv, root);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String bareSpawnStdout(List<String> argv, Path root) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile());
        pb.environment().put("SPECIFY_REPO_ROOT", root.toString());
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] outBytes = readAll(p.getInputStream());
        err.join();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("bare spawn timed out: " + argv);
        }
        return new String(outBytes, StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ================================================================================================ 6. startup

    private Table startup() throws IOException, InterruptedException {
        int reps = full ? 10 : 2;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Table t = new Table("startup", "6. Start-up wall time (ms, median (min–max))", "program", "no CDS",
                "AppCDS (-XX:SharedArchiveFile)", "status");
        Path work = tempDir("bench-startup-");
        try {
            // dynamic CDS archives only classes loaded from JAR files, so the baseline runs from a one-class jar
            String cp = trivialJar(work.resolve("trivial.jar")).toString();
            timedRow(t, "baseline: java -cp <classes> TrivialMain", java, List.of("-cp", cp, TrivialMain.class.getName()),
                    work.resolve("trivial.jsa"), work, reps, "measured");
            Optional<Path> jar = cliJar();
            if (jar.isEmpty()) {
                t.row("CLI --version (shaded jar)", "pending", "pending", "pending: orchestrator-cli jar not built");
                t.row("CLI status (shaded jar)", "pending", "pending", "pending: orchestrator-cli jar not built");
            } else {
                try (TestProject p = TestProject.create()) {
                    p.addMission(MissionGenerator.builder().slug("bench").workPackages(4).shape(DagShape.diamond())
                            .build());
                    timedRow(t, "CLI --version (" + jar.get().getFileName() + ")", java,
                            List.of("-jar", jar.get().toString(), "--version"), work.resolve("cli-version.jsa"),
                            p.root(), reps, "measured");
                    timedRow(t, "CLI status", java, List.of("-jar", jar.get().toString(), "status"),
                            work.resolve("cli-status.jsa"), p.root(), reps, "measured (exit code ignored)");
                }
            }
        } finally {
            deleteTree(work);
        }
        t.note("CDS: one run with -XX:ArchiveClassesAtExit=<file> writes the archive, then the timed runs use"
                + " -XX:SharedArchiveFile=<file>; the default JDK CDS archive is on in both columns; target < 500 ms");
        return t;
    }

    private static void timedRow(Table t, String label, String java, List<String> args, Path archive, Path cwd,
            int reps, String status) throws IOException, InterruptedException {
        List<String> plain = new ArrayList<>(List.of(java));
        plain.addAll(args);
        List<String> dump = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + archive));
        dump.addAll(args);
        List<String> cds = new ArrayList<>(List.of(java, "-XX:SharedArchiveFile=" + archive));
        cds.addAll(args);
        spawnMs(plain, cwd);
        spawnMs(dump, cwd);
        boolean archived = Files.isRegularFile(archive);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            a.add(spawnMs(plain, cwd));
            if (archived) {
                b.add(spawnMs(cds, cwd));
            }
        }
        t.row(label, Stats.of(a).fmt(0), archived ? Stats.of(b).fmt(0) : "archive not written", status);
        t.figures.put(label, Map.of("plain_ms", Stats.of(a).median(), "cds_ms", archived ? Stats.of(b).median() : -1));
    }

    private static double spawnMs(List<String> argv, Path cwd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] output = readAll(p.getInputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + argv);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (argv.stream().anyMatch(a -> a.endsWith(TrivialMain.class.getName())) && p.exitValue() != 0) {
            throw new IllegalStateException("baseline failed (exit " + p.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8));
        }
        return ms;
    }

    private static Path trivialJar(Path jar) throws IOException {
        String entry = TrivialMain.class.getName().replace('.', '/') + ".class";
        try (InputStream in = TrivialMain.class.getClassLoader().getResourceAsStream(entry);
                java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) {
                throw new IllegalStateException("cannot find " + entry + " on the class path");
            }
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static Optional<Path> cliJar() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("bench.cliJar");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            candidates.add(d.resolve("orchestrator-cli").resolve("target"));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && c.toString().endsWith(".jar")) {
                return Optional.of(c);
            }
            if (Files.isDirectory(c)) {
                try (Stream<Path> s = Files.list(c)) {
                    Optional<Path> jar = s.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.endsWith(".jar") && !n.startsWith("original-") && !n.endsWith("-sources.jar")
                                && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar");
                    }).max(Comparator.comparingLong(f -> f.toFile().length()));
                    if (jar.isPresent()) {
                        return jar;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
