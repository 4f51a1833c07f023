package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.state.AttemptRecord;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.core.state.WorkPackageRecord;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationRecord;
import dev.speckitty.orchestrator.testkit.agent.AgentRule;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.GitResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded SIGKILL sweep of the real CLI: for each seed, {@code orchestrate} a 6-WP mission (a DAG with parallelism,
 * subtasks, one rejected review) through the simulated {@code spec-kitty} executable with scripted agents as real
 * processes, SIGKILL the CLI JVM at seeded kill points (the n-th host call, the n-th agent run, the n-th run-state
 * write, or a time), {@code resume} (killed again for some seeds) until a run ends by itself, then check that nothing
 * was lost: every WP done on the host, every recorded implementation commit on its lane branch with the agent's
 * files, no WP claimed twice, no two implementations of a WP at once, the run state completed and in agreement with
 * the host, and no process left behind.
 *
 * <p>{@code -Dreliability.killSeeds=N} runs N seeds (default {@value #CI_SEEDS}), {@code -Dreliability.killSeedStart=S}
 * starts at seed S. Each kill is classified by what was alive when it landed and written to
 * {@code target/kill-sweep.tsv}.
 */
@EnabledOnOs(OS.LINUX)
class KillSweepIT {
    static final int CI_SEEDS = 7;
    private static final String TEMP_PREFIX = ".orchestrator-run-state-";
    private static final List<Kill> KILLS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> SEED_RESULTS = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, Integer> FOLLOW_UPS = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final long SUITE_START = System.nanoTime();
    /**
     * Whether kills may land in a start-review window (default yes). They used to hit an orchestrator-core bug (fixed
     * by recording the review claim before sending it); {@code -Dreliability.killInStartReview=false} restores the old
     * deferral, for comparison.
     */
    private static final boolean KILL_IN_START_REVIEW =
            Boolean.parseBoolean(System.getProperty("reliability.killInStartReview", "true"));

    @TempDir
    Path tmp;

    /** The kinds of kill point a seed can choose. */
    enum Trigger {
        /** The n-th host call the CLI starts, then a delay. */
        HOST_CALL,
        /** The n-th agent process the CLI starts, then a delay within its run. */
        AGENT_RUN,
        /** The n-th run-state temp file appearing (the write is in progress): kill at once. */
        STATE_WRITE,
        /** The n-th replacement of the run-state file (a write just completed): kill at once. */
        STATE_WRITTEN,
        /** A time after the CLI started. */
        TIME
    }

    /** One planned kill point. */
    record KillPoint(Trigger trigger, int nth, long delayMillis) {
        String describe() {
            return switch (trigger) {
                case HOST_CALL -> "host call #" + nth + " +" + delayMillis + "ms";
                case AGENT_RUN -> "agent #" + nth + " +" + delayMillis + "ms";
                case STATE_WRITE -> "state temp file #" + nth;
                case STATE_WRITTEN -> "state replaced #" + nth;
                case TIME -> "t+" + delayMillis + "ms";
            };
        }
    }

    /** What happened at one kill point. */
    record Kill(long seed, int index, String command, KillPoint point, boolean reached, String killClass,
            boolean stateWrite, int hostCalls, int agents, int gitOps, int agentHostCalls, boolean lockHeld,
            long sinceStartMillis, long deferredMillis, String orphans) {
    }

    static Stream<Long> seeds() {
        String list = System.getProperty("reliability.killSeedList", "");
        if (!list.isBlank()) {
            return Stream.of(list.split(",")).map(String::trim).map(Long::valueOf);
        }
        long n = Long.getLong("reliability.killSeeds", CI_SEEDS);
        long start = Long.getLong("reliability.killSeedStart", 1L);
        return LongStream.range(start, start + n).boxed();
    }

    static List<KillPoint> plan(long seed) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        int kills = 1 + rnd.nextInt(3);
        List<KillPoint> points = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            // later kills hit a resumed run, which has less left to do: aim earlier
            int scale = i == 0 ? 1 : 2;
            Trigger t = Trigger.values()[(int) ((seed + i) % Trigger.values().length)];
            points.add(switch (t) {
                case HOST_CALL -> new KillPoint(t, 1 + rnd.nextInt(14 / scale), rnd.nextInt(300));
                case AGENT_RUN -> new KillPoint(t, 1 + rnd.nextInt(8 / scale), rnd.nextInt(900));
                case STATE_WRITE, STATE_WRITTEN -> new KillPoint(t, 1 + rnd.nextInt(24 / scale), 0);
                case TIME -> new KillPoint(t, 0, 1500 + rnd.nextInt(14_000 / scale));
            });
        }
        return points;
    }

    static MissionGenerator mission() {
        Map<String, List<String>> dag = new LinkedHashMap<>();
        dag.put("WP01", List.of());
        dag.put("WP02", List.of());
        dag.put("WP03", List.of("WP01"));
        dag.put("WP04", List.of("WP01", "WP02"));
        dag.put("WP05", List.of("WP03"));
        dag.put("WP06", List.of("WP04", "WP05"));
        return MissionGenerator.builder().slug("crash").workPackages(6).shape(DagShape.custom(dag))
                .subtasksPerWorkPackage(1).build();
    }

    static AgentScenario scenario() {
        return AgentScenario.builder()
                .defaults(AgentBehavior.builder().durationMillis(600L).build())
                .addRules(AgentRule.of(null, ScriptedRole.REVIEWER, null,
                        AgentBehavior.builder().durationMillis(250L).build()))
                // one long implementation (off the critical path), so that some kills leave an agent that is still
                // working when the resume takes the lock (600 ms agents finish before a resume gets there)
                .addRules(AgentRule.of("WP04", ScriptedRole.IMPLEMENTER, null,
                        AgentBehavior.builder().durationMillis(4000L).build()))
                // one rejected review, so that a rework cycle is among the kill points
                .addRules(AgentRule.of("WP04", ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
                        .verdict(ReviewVerdict.CHANGES_REQUESTED).build()))
                .build();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void sigkillAtSeededPointsThenResumeCompletesWithNothingLost(long seed) throws Exception {
        List<KillPoint> plan = plan(seed);
        try (CliProject p = new CliProject(tmp, mission(), scenario()); OrphanWatch orphans = new OrphanWatch(p.agentLog)) {
            Map<String, String> notes = new LinkedHashMap<>();
            int runs = 0;
            int kills = 0;
            CliProcess last = null;
            Kill previous = null;
            long previousPid = -1;
            boolean done = false;
            while (!done) {
                assertThat(runs).as("seed %d: runs needed (kills planned %s)", seed, plan).isLessThan(plan.size() + 4);
                String command = runs == 0 || Files.exists(p.stateFile()) ? (runs == 0 ? "orchestrate" : "resume")
                        : "orchestrate";
                if (runs > 0 && command.equals("orchestrate")) {
                    // killed before the run state was first written: resume refuses and says to start a new run, and
                    // nothing changed on the host
                    CliProcess refused = p.run("resume-refused", "resume", "--mission", p.slug());
                    assertThat(refused.waitFor()).as("seed %d\n%s", seed, refused.describe()).isEqualTo(ExitCode.USAGE);
                    assertThat(refused.err()).contains("no run to resume");
                    assertThat(p.lanes().values()).as("seed %d: no run state, yet the host changed", seed)
                            .allMatch(l -> l == Lane.PLANNED);
                }
                CliProcess cli = command.equals("orchestrate") ? p.orchestrate(command) : p.resume(command);
                runs++;
                Kill k = null;
                if (kills < plan.size()) {
                    KillPoint point = plan.get(kills);
                    k = killAt(p, cli, seed, kills + 1, command, point);
                    KILLS.add(k);
                    kills++;
                }
                if (k == null || !k.reached()) {
                    int exit = cli.waitFor();
                    assertThat(exit).as("seed %d: %s exit code\n%s", seed, command, cli.describe())
                            .isEqualTo(ExitCode.OK);
                    last = cli;
                    done = true;
                }
                checkFollowUp(p, seed, previous, previousPid, cli, done);
                if (k != null && k.reached()) {
                    notes.put("kill " + k.index(), k.killClass() + " (" + k.point().describe() + ")");
                    previous = k;
                    previousPid = cli.pid();
                }
            }
            checkNothingLost(p, seed, last, orphans);
            SEED_RESULTS.add(seed + "\tsurvived\t" + notes);
        } catch (org.opentest4j.TestAbortedException e) {
            throw e; // a cell left out (counted in the summary), not a failure
        } catch (AssertionError | RuntimeException e) {
            SEED_RESULTS.add(seed + "\tFAILED\t" + e.getMessage().lines().findFirst().orElse(""));
            markFailed(seed);
            throw e;
        }
    }

    private static void markFailed(long seed) {
        synchronized (KILLS) {
            for (int i = 0; i < KILLS.size(); i++) {
                Kill k = KILLS.get(i);
                if (k.seed() == seed) {
                    KILLS.set(i, new Kill(k.seed(), k.index(), k.command(), k.point(), k.reached(),
                            k.killClass() + "!FAILED", k.stateWrite(), k.hostCalls(), k.agents(), k.gitOps(),
                            k.agentHostCalls(), k.lockHeld(), k.sinceStartMillis(), k.deferredMillis(), k.orphans()));
                }
            }
        }
    }

    // ---- the kill --------------------------------------------------------------------------------------------------

    private Kill killAt(CliProject p, CliProcess cli, long seed, int index, String command, KillPoint point)
            throws Exception {
        if (!cli.alive() && cli.process.exitValue() != 0) {
            throw new AssertionError("seed " + seed + ": " + command + " ended before any kill\n" + cli.describe());
        }
        Path kittify = p.root().resolve(".kittify");
        Set<String> tempsBefore = temps(kittify);
        long started = System.nanoTime();
        KillSwitch kill = new KillSwitch(cli, RunStateStores.jsonFile(p.stateFile()), !KILL_IN_START_REVIEW);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            kittify.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            Thread watcher = null;
            if (point.trigger() == Trigger.STATE_WRITE || point.trigger() == Trigger.STATE_WRITTEN) {
                String stateName = p.stateFile().getFileName().toString();
                watcher = new Thread(() -> watchState(watch, point, stateName, kill, cli), "kill-watch");
                watcher.setDaemon(true);
                watcher.start();
            }
            Set<Long> seen = new HashSet<>();
            int[] counts = {0, 0}; // host calls, agents seen
            long[] fireAt = {point.trigger() == Trigger.TIME
                    ? started + TimeUnit.MILLISECONDS.toNanos(point.delayMillis()) : Long.MAX_VALUE};
            // Poll the CLI's children (about 0.5 ms per scan) until the kill point; the seeded delay after the n-th
            // host call or agent start is the kill point itself, not a wait for a condition.
            org.awaitility.Awaitility.await("kill point " + point.describe()).atMost(Duration.ofMinutes(3))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                        if (kill.done()) {
                            return true;
                        }
                        List<ProcessHandle> children = cli.process.children().toList();
                        kill.observe(children);
                        if (System.nanoTime() >= fireAt[0]) {
                            kill.request();
                            return kill.done();
                        }
                        if (fireAt[0] == Long.MAX_VALUE) {
                            for (ProcessHandle h : children) {
                                if (!seen.add(h.pid())) {
                                    continue;
                                }
                                String c = h.info().commandLine().orElse("");
                                int kind = c.contains(ProcessTable.HOST_MAIN) ? 0
                                        : c.contains(ProcessTable.AGENT_MAIN) ? 1 : -1;
                                if (kind >= 0 && ++counts[kind] == point.nth()
                                        && (kind == 0 && point.trigger() == Trigger.HOST_CALL
                                        || kind == 1 && point.trigger() == Trigger.AGENT_RUN)) {
                                    fireAt[0] = System.nanoTime()
                                            + TimeUnit.MILLISECONDS.toNanos(point.delayMillis());
                                }
                            }
                        }
                        return kill.done();
                    });
            if (watcher != null) {
                watcher.interrupt();
            }
            if (!kill.fired()) {
                return new Kill(seed, index, command, point, false, "not-reached", false, 0, 0, 0, 0, false,
                        (System.nanoTime() - started) / 1_000_000, 0, "");
            }
        }
        cli.waitFor();
        long since = (System.nanoTime() - started) / 1_000_000;
        // What was running when the kill landed: the killed JVM's children are orphans now, alive only if they were
        // alive at the kill (nothing can start them afterwards). Grandchildren (an agent's mark-status host call) may
        // have been started by an orphan after the kill, so they are only noted.
        List<ProcessTable.Proc> procs = p.processes();
        Set<Long> pids = procs.stream().map(ProcessTable.Proc::pid).collect(Collectors.toSet());
        List<ProcessTable.Proc> top = procs.stream().filter(x -> !pids.contains(x.parent())).toList();
        int hostCalls = (int) top.stream().filter(ProcessTable.Proc::host).count();
        int agentRuns = (int) top.stream().filter(ProcessTable.Proc::agent).count();
        int gitOps = (int) top.stream().filter(ProcessTable.Proc::git).count();
        int agentHost = (int) procs.stream().filter(x -> pids.contains(x.parent()) && x.host()).count();
        Set<String> newTemps = temps(kittify);
        newTemps.removeAll(tempsBefore);
        boolean stateWrite = !newTemps.isEmpty();
        boolean lockHeld = p.lockContent().contains("\"pid\":" + cli.pid());
        String cls = stateWrite ? "state-write" : hostCalls > 0 ? "host-call" : agentRuns > 0 ? "agent-run"
                : gitOps > 0 ? "git" : "between-steps";
        String orphans = procs.stream().map(x -> x.describe() + "(" + x.pid() + (pids.contains(x.parent())
                ? ",child of " + x.parent() : "") + ")").collect(Collectors.joining(" "));
        return new Kill(seed, index, command, point, true, cls, stateWrite, hostCalls, agentRuns, gitOps, agentHost,
                lockHeld, since, kill.deferredMillis(), orphans);
    }

    /**
     * Fires the SIGKILL once. Unless told otherwise it defers a kill that would land in a start-review window (from
     * the start of a {@code start-review} host call until the run state records its review reference): a crash there
     * leaves the WP in_review with no claim the engine recognises (orchestrator-core bug, see docs/reliability.md),
     * so that cell is left out of the suite. The window opens when the poll sees the host process, up to 10 ms late.
     */
    static final class KillSwitch {
        private final CliProcess cli;
        private final RunStateStore store;
        private final boolean avoidStartReview;
        private final Set<String> reviewWindows = new HashSet<>();
        private boolean pending;
        private boolean fired;
        private long pendingSince;
        private long deferredNanos;

        KillSwitch(CliProcess cli, RunStateStore store, boolean avoidStartReview) {
            this.cli = cli;
            this.store = store;
            this.avoidStartReview = avoidStartReview;
        }

        synchronized void request() {
            if (!pending) {
                pending = true;
                pendingSince = System.nanoTime();
            }
            tryFire();
        }

        private void tryFire() {
            if (!pending || fired || !cli.alive()) {
                return;
            }
            if (avoidStartReview) {
                // a fresh look right before the kill: the poll may be up to 10 ms old
                updateWindows(cli.process.children().toList());
                if (!reviewWindows.isEmpty()) {
                    return;
                }
            }
            cli.process.destroyForcibly(); // SIGKILL of the CLI JVM only
            fired = true;
            deferredNanos = System.nanoTime() - pendingSince;
        }

        synchronized void observe(List<ProcessHandle> children) {
            updateWindows(children);
            tryFire();
        }

        private void updateWindows(List<ProcessHandle> children) {
            Set<String> inFlight = new HashSet<>();
            for (ProcessHandle h : children) {
                String c = h.info().commandLine().orElse("");
                if (c.contains(ProcessTable.HOST_MAIN)
                        && ProcessTable.hostCommand(c).filter("start-review"::equals).isPresent()) {
                    ProcessTable.wpOption(c).ifPresent(inFlight::add);
                }
            }
            reviewWindows.addAll(inFlight);
            if (!reviewWindows.isEmpty()) {
                Map<String, WorkPackageRecord> recorded;
                try {
                    recorded = store.load().map(RunState::workPackages).orElse(Map.of());
                } catch (RuntimeException e) {
                    recorded = Map.of();
                }
                for (java.util.Iterator<String> it = reviewWindows.iterator(); it.hasNext();) {
                    String wp = it.next();
                    WorkPackageRecord r = recorded.get(wp);
                    if (!inFlight.contains(wp) && r != null && r.openReviewRef().isPresent()) {
                        it.remove();
                    }
                }
            }
        }

        synchronized boolean done() {
            return fired || !cli.alive();
        }

        synchronized boolean fired() {
            return fired;
        }

        synchronized long deferredMillis() {
            return fired ? deferredNanos / 1_000_000 : 0;
        }
    }

    private static void watchState(WatchService watch, KillPoint point, String stateName, KillSwitch kill,
            CliProcess cli) {
        int n = 0;
        try {
            while (cli.alive()) {
                WatchKey key = watch.poll(50, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> e : key.pollEvents()) {
                    String name = String.valueOf(e.context());
                    boolean hit = point.trigger() == Trigger.STATE_WRITE
                            ? name.startsWith(TEMP_PREFIX) && name.endsWith(".tmp") : name.equals(stateName);
                    if (hit && ++n == point.nth()) {
                        kill.request();
                        return;
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
            // the kill happened elsewhere or the CLI ended
        }
    }

    private static Set<String> temps(Path kittify) throws IOException {
        try (Stream<Path> s = Files.list(kittify)) {
            return s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(TEMP_PREFIX) && n.endsWith(".tmp"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    // ---- the checks ------------------------------------------------------------------------------------------------

    private static void checkNothingLost(CliProject p, long seed, CliProcess last, OrphanWatch orphans) {
        String ctx = "seed " + seed + " (" + plan(seed) + ")";
        // 1. every WP done on the host
        assertThat(p.lanes()).as("%s: host lanes", ctx).allSatisfy((wp, lane) -> assertThat(lane).isEqualTo(Lane.DONE));

        // 2. the run state says completed and agrees with the host
        RunState state = p.runState().orElseThrow();
        assertThat(state.status()).as("%s: run state status", ctx).isEqualTo(RunStatus.COMPLETED);
        for (String wp : p.mission.workPackageIds()) {
            WorkPackageRecord r = state.workPackages().get(wp);
            assertThat(r).as("%s: run-state record of %s", ctx, wp).isNotNull();
            assertThat(r.lastCommit()).as("%s: recorded commit of %s", ctx, wp).isPresent();
        }

        // 3. no WP claimed twice: every claim follows a return to planned (a rejected review) or is the first
        Map<String, List<String>> transitions = p.transitions();
        for (String wp : p.mission.workPackageIds()) {
            List<String> t = transitions.getOrDefault(wp, List.of());
            long claims = t.stream().filter(x -> x.endsWith("→claimed")).count();
            long returns = t.stream().filter(x -> x.endsWith("→planned")).count();
            assertThat(claims).as("%s: claims of %s (transitions %s)", ctx, wp, t).isEqualTo(1 + returns);
        }

        // 4. no two implementations (or reviews) of one WP at once, orphans of killed runs included. An orphan whose
        //    stdout reader died cannot always log its end (see docs/reliability.md); its end is then the moment this
        //    test saw its process gone (polled every 10 ms, so never earlier than the real end).
        AgentInvocationLog log = p.agents();
        for (ScriptedRole role : ScriptedRole.values()) {
            assertThat(overlapping(log, role, orphans)).as("%s: overlapping %s runs", ctx, role).isEmpty();
        }

        // 5. no commit lost: each WP's lane branch holds the commit the run state recorded, every implementation
        //    attempt the orchestrator recorded as committed, and the files its agent run wrote
        for (String wp : p.mission.workPackageIds()) {
            WorkPackageRecord r = state.workPackages().get(wp);
            String branch = laneBranchOf(p, r.lastCommit().get(), ctx + " " + wp);
            for (AttemptRecord a : r.attempts()) {
                if (a.role() != AgentRole.IMPLEMENTER || !a.outcome().startsWith("committed ")) {
                    continue;
                }
                String sha = a.outcome().substring("committed ".length()).trim();
                assertThat(isAncestor(p, sha, branch)).as("%s: %s attempt %d commit %s on %s", ctx, wp, a.attempt(),
                        sha, branch).isTrue();
                List<AgentInvocationRecord> runs = log.forWorkPackage(wp).stream()
                        .filter(x -> x.role() == ScriptedRole.IMPLEMENTER && x.attempt() == a.attempt()
                                && x.exitCode().orElse(-1) == 0)
                        .toList();
                assertThat(runs).as("%s: agent run of %s attempt %d", ctx, wp, a.attempt()).isNotEmpty();
                for (AgentInvocationRecord run : runs) {
                    for (String f : run.filesWritten()) {
                        assertThat(p.project.gitUnchecked(Duration.ofSeconds(30),
                                List.of("cat-file", "-e", branch + ":" + f)).exitCode())
                                .as("%s: %s (written by %s attempt %d) on %s", ctx, f, wp, a.attempt(), branch)
                                .isZero();
                    }
                }
            }
        }

        // 6. no process left behind (orphaned host calls finish by themselves; agents must not survive)
        p.awaitNoProcessLeft(Duration.ofSeconds(30));
        assertThat(last.out()).as("%s: final summary", ctx).isNotBlank();
    }

    /**
     * After a kill, the next run that took the mission lock says it took over the stale lock of the killed pid (when
     * the killed run held it), and stops the agents it left (counted, since they may have finished by themselves).
     */
    private static void checkFollowUp(CliProject p, long seed, Kill previous, long previousPid, CliProcess next,
            boolean nextCompleted) {
        if (previous == null) {
            return;
        }
        boolean nextHeldLock = nextCompleted || p.lockContent().contains("\"pid\":" + next.pid());
        String err = next.err();
        if (previous.lockHeld() && nextHeldLock) {
            assertThat(err).as("seed %d: stale-lock note after kill %d\n%s", seed, previous.index(), next.describe())
                    .contains("note: took over a stale lock left by pid " + previousPid);
        }
        if (err.contains("agent process(es) left running by a killed orchestrator")) {
            FOLLOW_UPS.merge("resumes that stopped left-over agents", 1, Integer::sum);
        }
        if (err.contains("host call(s) left by a killed orchestrator")) {
            FOLLOW_UPS.merge("resumes that waited for left-over host calls", 1, Integer::sum);
        }
    }

    /**
     * Pairs of runs of one WP and role that overlapped in time; a run without a logged end lasts until {@code orphans}
     * saw its process gone, or for ever ({@code orphans} may be null).
     */
    static List<String> overlapping(AgentInvocationLog log, ScriptedRole role, OrphanWatch orphans) {
        List<AgentInvocationRecord> runs = log.forRole(role);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                AgentInvocationRecord a = runs.get(i);
                AgentInvocationRecord b = runs.get(j);
                if (a.wp().equals(b.wp()) && a.startedAt().isBefore(end(b, orphans))
                        && b.startedAt().isBefore(end(a, orphans))) {
                    pairs.add(a + " / " + b);
                }
            }
        }
        return pairs;
    }

    private static java.time.Instant end(AgentInvocationRecord r, OrphanWatch orphans) {
        return r.endedAt().or(() -> orphans == null ? java.util.Optional.empty() : orphans.goneAt(r.pid()))
                .orElse(java.time.Instant.MAX);
    }

    /**
     * Notes when each agent process of the run is gone: it follows the agent log's {@code start} lines (every agent
     * logs its pid first thing) and polls those pids every 10 ms on a daemon thread. Used to bound the end of a run
     * that could not log it (an orphan, or an agent the killed CLI spawned at the kill instant).
     */
    static final class OrphanWatch implements AutoCloseable {
        private final Map<Long, java.time.Instant> gone = new java.util.concurrent.ConcurrentHashMap<>();
        private final Set<Long> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Path agentLog;
        private long offset;
        private final java.util.concurrent.ScheduledExecutorService poller =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "agent-watch");
                    t.setDaemon(true);
                    return t;
                });

        OrphanWatch(Path agentLog) {
            this.agentLog = agentLog;
            poller.scheduleWithFixedDelay(this::poll, 10, 10, TimeUnit.MILLISECONDS);
        }

        private void poll() {
            try {
                readNewStarts();
                for (Long pid : watched) {
                    if (!gone.containsKey(pid) && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        gone.put(pid, java.time.Instant.now());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a torn last line is read again next time; never let the schedule die
            }
        }

        private void readNewStarts() throws IOException {
            if (!Files.exists(agentLog) || Files.size(agentLog) <= offset) {
                return;
            }
            byte[] all = Files.readAllBytes(agentLog);
            int end = all.length;
            while (end > offset && all[end - 1] != '\n') {
                end--; // only whole lines
            }
            String text = new String(all, (int) offset, (int) (end - offset), StandardCharsets.UTF_8);
            offset = end;
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("\"event\":\"start\".*?\"pid\":(\\d+)").matcher(text);
            while (m.find()) {
                watched.add(Long.parseLong(m.group(1)));
            }
        }

        java.util.Optional<java.time.Instant> goneAt(long pid) {
            return java.util.Optional.ofNullable(gone.get(pid));
        }

        @Override
        public void close() {
            poller.shutdownNow();
        }
    }

    /** The lane branch (kitty/…) holding a commit; exactly one must. */
    private static String laneBranchOf(CliProject p, String sha, String ctx) {
        GitResult r = p.project.git("for-each-ref", "--contains", sha, "--format=%(refname:short)", "refs/heads/");
        List<String> lanes = r.stdout().lines().map(String::trim).filter(b -> !b.isEmpty() && !b.equals("main"))
                .toList();
        assertThat(lanes).as("%s: branches holding %s", ctx, sha).isNotEmpty();
        return lanes.get(0);
    }

    private static boolean isAncestor(CliProject p, String sha, String branch) {
        return p.project.gitUnchecked(Duration.ofSeconds(30), List.of("merge-base", "--is-ancestor", sha, branch))
                .exitCode() == 0;
    }

    // ---- the summary ------------------------------------------------------------------------------------------------

    @AfterAll
    static void summary() throws IOException {
        List<Kill> kills;
        synchronized (KILLS) {
            kills = new ArrayList<>(KILLS);
        }
        StringBuilder tsv = new StringBuilder("seed\tkill\tcommand\ttrigger\tpoint\treached\tclass\tstate_write"
                + "\thost_calls\tagents\tgit\tagent_host_calls\tlock_held\tms_after_start\tdeferred_ms\tsurvived\torphans\n");
        for (Kill k : kills) {
            tsv.append(k.seed()).append('\t').append(k.index()).append('\t').append(k.command()).append('\t')
                    .append(k.point().trigger().name().toLowerCase(Locale.ROOT)).append('\t')
                    .append(k.point().describe()).append('\t').append(k.reached()).append('\t')
                    .append(k.killClass().replace("!FAILED", "")).append('\t').append(k.stateWrite()).append('\t')
                    .append(k.hostCalls()).append('\t').append(k.agents()).append('\t').append(k.gitOps()).append('\t')
                    .append(k.agentHostCalls()).append('\t').append(k.lockHeld()).append('\t')
                    .append(k.sinceStartMillis()).append('\t').append(k.deferredMillis()).append('\t')
                    .append(!k.killClass().endsWith("!FAILED"))
                    .append('\t').append(k.orphans()).append('\n');
        }
        Map<String, int[]> perClass = new TreeMap<>();
        for (Kill k : kills) {
            if (!k.reached()) {
                continue;
            }
            boolean failed = k.killClass().endsWith("!FAILED");
            String cls = k.killClass().replace("!FAILED", "");
            int[] c = perClass.computeIfAbsent(cls, x -> new int[2]);
            c[0]++;
            c[1] += failed ? 0 : 1;
        }
        long reached = kills.stream().filter(Kill::reached).count();
        long survived = kills.stream().filter(k -> k.reached() && !k.killClass().endsWith("!FAILED")).count();
        long withHost = kills.stream().filter(k -> k.reached() && k.hostCalls() > 0).count();
        long withAgent = kills.stream().filter(k -> k.reached() && k.agents() > 0).count();
        long withWrite = kills.stream().filter(k -> k.reached() && k.stateWrite()).count();
        StringBuilder table = new StringBuilder();
        table.append(String.format("%nSIGKILL sweep: %d seeds, %d kill points planned, %d reached, %d survived "
                + "(%.0f s)%n", SEED_RESULTS.size(), kills.size(), reached, survived,
                (System.nanoTime() - SUITE_START) / 1e9));
        table.append(String.format("  %-16s %6s %9s%n", "class", "kills", "survived"));
        perClass.forEach((cls, c) -> table.append(String.format("  %-16s %6d %9d%n", cls, c[0], c[1])));
        table.append(String.format("  kills with an orchestrator host call in flight: %d, with an agent running: %d,"
                + " during a run-state write: %d, not reached: %d%n", withHost, withAgent, withWrite,
                kills.size() - reached));
        for (String what : List.of("resumes that stopped left-over agents", "resumes that waited for left-over host calls")) {
            table.append("  ").append(what).append(": ").append(FOLLOW_UPS.getOrDefault(what, 0)).append('\n');
        }
        SEED_RESULTS.forEach(s -> table.append("  seed ").append(s).append('\n'));
        System.out.print(table);
        tsv.append("# ").append(table.toString().trim().replace("\n", "\n# ")).append('\n');
        Path target = Path.of(System.getProperty("reliability.target", "target"));
        Files.createDirectories(target);
        Files.writeString(target.resolve("kill-sweep.tsv"), tsv.toString(), StandardCharsets.UTF_8);
    }
}
