package dev.speckitty.orchestrator.testkit.host;

import dev.speckitty.orchestrator.client.error.HostTimeoutException;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.testkit.host.internal.Engine;
import dev.speckitty.orchestrator.testkit.host.internal.EventLog;
import dev.speckitty.orchestrator.testkit.host.internal.HostRuntime;
import dev.speckitty.orchestrator.testkit.host.internal.Mission;
import dev.speckitty.orchestrator.testkit.host.internal.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A faithful simulated spec-kitty host for one project root (a real git repository with missions under
 * {@code kitty-specs/}). It implements the {@code orchestrator-api} contract of the configured
 * {@link HostProfile}, really creates lane branches and worktrees, really merges, and keeps its state in the
 * project (event logs {@code kitty-specs/<mission>/status.events.jsonl}, call counts under
 * {@code .kittify/sim-host/}), so it can be mixed freely with the {@code spec-kitty} executable
 * ({@link SimulatedHostExecutable}) on the same project.
 *
 * <pre>{@code
 * SimulatedHost host = SimulatedHost.builder().projectRoot(repo).build();
 * OrchestratorClient client = OrchestratorClient.builder().transport(host.transport()).projectRoot(repo).build();
 * client.startImplementation(...);
 * assertThat(host.lane("042-demo", "WP01")).isEqualTo(Lane.IN_PROGRESS);
 * }</pre>
 *
 * <p>Behaviour worth knowing (as on the real host unless marked "simulator"):
 * <ul>
 *   <li>a WP with a prompt file and no events counts as seeded {@code planned} (finalized), unless its mission is
 *       listed in {@link SimulatedHostConfig#unseededMissions()};
 *   <li>{@code start-implementation} of a WP listed in {@code lanes.json} creates (or reuses) the lane branch
 *       {@code kitty/mission-<slug>-<lane>} on the mission branch {@code kitty/mission-<slug>} (created from the
 *       target branch on first use) and the worktree {@code <root>/.worktrees/<selector>-<lane>}, and merges in
 *       approved/done dependency lanes; non-lane WPs only get the computed path {@code .worktrees/<selector>-<WP>},
 *       nothing is created (the caller creates it);
 *   <li>{@code transition --to for_review} needs a commit on the lane branch beyond the mission branch and every
 *       front-matter subtask marked done ({@code spec-kitty agent tasks mark-status T001 --status done
 *       --mission <m>}, or {@link #markSubtasksDone});
 *   <li>{@code accept-mission} rewrites {@code meta.json}; when that file is tracked the main checkout becomes dirty
 *       and {@code merge-mission} answers {@code PREFLIGHT_FAILED} until it is committed or reverted (the real run
 *       did the same). The simulator's own files ({@code status.events.jsonl}, {@code .status.lock},
 *       {@code .kittify/sim-host/}) never count as dirty;
 *   <li>simulator: lane allocation runs under the mission lock, so the real host's first-allocation race
 *       ({@code LANE_ALLOCATION_FAILED} under concurrent first starts) only happens when injected with a
 *       {@link Fault}; there is no coordination topology.
 * </ul>
 *
 * <p>Thread-safe: calls may run concurrently (mutations are serialized per mission by a file lock).
 */
public final class SimulatedHost {
    private final Path root;
    private final SimulatedHostConfig config;

    private SimulatedHost(Builder b) {
        this.root = b.projectRoot.toAbsolutePath().normalize();
        SimulatedHostConfig base = b.config != null ? b.config : SimulatedHostConfig.forProject(root, System.getenv());
        this.config = b.profile == null ? base : SimulatedHostConfig.builder().from(base).profile(b.profile).build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link SimulatedHost}; not thread-safe. */
    public static final class Builder {
        private Path projectRoot;
        private SimulatedHostConfig config;
        private HostProfile profile;

        private Builder() {}

        /**
         * Sets the project root (required): a directory with {@code kitty-specs/}, normally a git repository.
         *
         * @param projectRoot the root
         * @return this builder
         */
        public Builder projectRoot(Path projectRoot) {
            this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
            return this;
        }

        /**
         * Sets the behaviour; when not set it is read from {@code SPEC_KITTY_SIM_CONFIG} or
         * {@code <root>/.kittify/sim-host.json} (see {@link SimulatedHostConfig}), else the defaults.
         *
         * @param config the config
         * @return this builder
         */
        public Builder config(SimulatedHostConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Overrides the profile of whatever config applies (the one set with {@link #config}, else the project's
         * config file, else the defaults).
         *
         * @param profile the host release to imitate
         * @return this builder
         */
        public Builder profile(HostProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Builds the host.
         *
         * @return the host
         * @throws IllegalStateException when no project root was set or it is not a directory
         */
        public SimulatedHost build() {
            if (projectRoot == null || !Files.isDirectory(projectRoot)) {
                throw new IllegalStateException("SimulatedHost needs an existing projectRoot directory, got "
                        + projectRoot);
            }
            return new SimulatedHost(this);
        }
    }

    /**
     * Returns the project root.
     *
     * @return the absolute root
     */
    public Path projectRoot() {
        return root;
    }

    /**
     * Returns the effective config.
     *
     * @return the config
     */
    public SimulatedHostConfig config() {
        return config;
    }

    /**
     * Returns a transport the client talks to exactly as to the real host: it produces the same stdout, stderr and
     * exit codes, honours the request timeout (a hang or long latency ends in {@link HostTimeoutException}) and
     * runs each call in the calling thread. Thread-safe.
     *
     * @return the transport
     */
    public OrchestratorTransport transport() {
        return new OrchestratorTransport() {
            @Override
            public TransportResponse execute(TransportRequest request) {
                List<String> argv = new ArrayList<>();
                argv.add("orchestrator-api");
                argv.add(request.command());
                for (TransportOption o : request.options()) {
                    argv.add(o.value().map(v -> "--" + o.name() + "=" + v).orElse("--" + o.name()));
                }
                Path where = request.projectRoot().map(p -> p.toAbsolutePath().normalize()).orElse(root);
                return runIn(where, argv, request.timeout(), request.command());
            }

            @Override
            public String name() {
                return "simulated-host(" + config.profile().hostRelease() + ")";
            }
        };
    }

    /**
     * Runs one simulated {@code spec-kitty} process in-process, e.g. {@code List.of("agent", "tasks",
     * "mark-status", "T001", "--status", "done", "--mission", "042-demo")}.
     *
     * @param argv the arguments after {@code spec-kitty}
     * @param timeout the bound for injected latency and hangs
     * @return exit code, stdout and stderr
     * @throws HostTimeoutException when an injected hang or latency exceeds the timeout
     */
    public TransportResponse run(List<String> argv, Duration timeout) {
        return runIn(root, List.copyOf(argv), timeout, argv.isEmpty() ? "" : String.join(" ", argv));
    }

    private TransportResponse runIn(Path where, List<String> argv, Duration timeout, String label) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        HostRuntime.Sleeper sleeper = new HostRuntime.Sleeper() {
            @Override
            public void sleep(long millis) {
                long remaining = deadline - System.nanoTime();
                if (millis * 1_000_000L >= remaining) {
                    hang();
                }
                pause(millis);
            }

            @Override
            public void hang() {
                pause(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L));
                throw new HostTimeoutException(label, timeout);
            }
        };
        Outcome o;
        try {
            o = new HostRuntime(where, ConfigJson.toSettings(config), sleeper).run(argv);
        } catch (HostTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            // an unexpected failure looks like a host crash: traceback on stderr, nothing on stdout
            o = new Outcome(1, "", "Traceback (most recent call last):\n  File \"<simulated>\", line 1, in "
                    + label + "\nRuntimeError: " + e + "\n");
        }
        return TransportResponse.builder().exitCode(o.exitCode()).stdout(o.stdout()).stderr(o.stderr())
                .elapsed(Duration.ofNanos(System.nanoTime() - start)).build();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Records subtasks as done, exactly as {@code spec-kitty agent tasks mark-status <ids> --status done
     * --mission <mission>} would.
     *
     * @param mission the mission selector
     * @param subtaskIds the subtask ids, e.g. {@code T001}
     * @throws IllegalArgumentException when the host refuses (unknown mission or subtask)
     */
    public void markSubtasksDone(String mission, String... subtaskIds) {
        List<String> argv = new ArrayList<>(List.of("agent", "tasks", "mark-status"));
        argv.addAll(List.of(subtaskIds));
        argv.addAll(List.of("--status", "done", "--mission", mission));
        TransportResponse r = run(argv, Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            throw new IllegalArgumentException(r.stderr().trim());
        }
    }

    // ------------------------------------------------------------------ inspection

    private Mission mission(String selector) {
        Mission m = Engine.resolveMission(root, selector, false);
        if (m == null) {
            throw new IllegalArgumentException("no mission '" + selector + "' under " + root.resolve("kitty-specs"));
        }
        return m;
    }

    /**
     * Returns the lane of a WP as {@code mission-state} would report it ({@code PLANNED} for a WP without events).
     *
     * @param mission the mission selector
     * @param wp the WP id
     * @return the lane
     * @throws IllegalArgumentException when the mission does not exist
     */
    public Lane lane(String mission, String wp) {
        String lane = "planned";
        for (HostEvent e : events(mission)) {
            if (e.wpId().equals(wp) && e.type().equals("lane_transition") && e.toLane().isPresent()) {
                lane = e.toLane().get();
            }
        }
        return Lane.fromWire(lane);
    }

    /**
     * Returns every event of a mission in log order.
     *
     * @param mission the mission selector
     * @return the events
     * @throws IllegalArgumentException when the mission does not exist
     */
    public List<HostEvent> events(String mission) {
        List<HostEvent> out = new ArrayList<>();
        for (Map<String, Object> e : new EventLog(mission(mission).dir()).read()) {
            HostEvent.Builder b = HostEvent.builder()
                    .type(e.get("event_type") instanceof String t ? t : "lane_transition")
                    .wpId(String.valueOf(e.get("wp_id")))
                    .at(String.valueOf(e.get("at")))
                    .force(Boolean.TRUE.equals(e.get("force")));
            if (e.get("from_lane") instanceof String s) {
                b.fromLane(s);
            }
            if (e.get("to_lane") instanceof String s) {
                b.toLane(s);
            }
            if (e.get("actor") instanceof String s) {
                b.actor(s);
            }
            if (e.get("reason") instanceof String s) {
                b.note(s);
            } else if (e.get("note") instanceof String s) {
                b.note(s);
            }
            if (e.get("review_ref") instanceof String s) {
                b.reviewRef(s);
            }
            if (e.get("subtask_id") instanceof String s) {
                b.subtaskId(s);
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * Returns the subtasks of a WP currently marked done.
     *
     * @param mission the mission selector
     * @param wp the WP id
     * @return the subtask ids in marking order
     */
    public Set<String> subtaskMarks(String mission, String wp) {
        Set<String> done = new LinkedHashSet<>();
        for (HostEvent e : events(mission)) {
            if (e.type().equals("subtask_status") && e.wpId().equals(wp) && e.subtaskId().isPresent()) {
                done.add(e.subtaskId().get());
            }
        }
        // a later non-done mark removes a subtask: re-fold from the raw log
        Map<String, EventLog.WpStatus> status = EventLog.fold(new EventLog(mission(mission).dir()).read());
        done.retainAll(status.containsKey(wp) ? status.get(wp).subtasksDone() : Set.of());
        return done;
    }

    /**
     * Returns who holds each WP that is claimed, in progress or in review: the actor of its last transition.
     *
     * @param mission the mission selector
     * @return WP id to actor, sorted by WP id
     */
    public Map<String, String> claims(String mission) {
        Map<String, String> out = new TreeMap<>();
        Map<String, EventLog.WpStatus> status = EventLog.fold(new EventLog(mission(mission).dir()).read());
        status.forEach((wp, s) -> {
            if (s.lane() != null && Set.of("claimed", "in_progress", "in_review").contains(s.lane())
                    && s.owner() != null) {
                out.put(wp, s.owner());
            }
        });
        return out;
    }

    /**
     * Returns how often a subcommand was called on this project (by any process), e.g. {@code transition};
     * subtask marks count as {@code agent-tasks-mark-status}.
     *
     * @param command the subcommand
     * @return the count
     */
    public int callCount(String command) {
        return callCounts().getOrDefault(command, 0);
    }

    /**
     * Returns every call count of this project.
     *
     * @return subcommand to count
     */
    public Map<String, Integer> callCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        HostRuntime.readCounts(root).forEach((k, v) -> out.put(k, v instanceof Long l ? l.intValue() : 0));
        return out;
    }
}
