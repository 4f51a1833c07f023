package dev.speckitty.orchestrator.examples;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.agent.GenericCommandAgent;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.host.HostProfile;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The option handling every example shares, so that each example is only about its idea.
 *
 * <pre>
 * (no options)                                      a temporary git project with a generated 4-WP mission and an
 *                                                   in-process simulated host (deleted on close)
 * --repo-root DIR --mission SLUG                    the simulated host on an existing project (used by the tests)
 * --profile 1.2.0                                   which host release the simulated host imitates
 *                                                   (1.3.0, 1.2.0, 1.1.0, 1.0.0, 1.0.0-feature)
 * --real-host --repo-root DIR --mission SLUG        the real host: {@code spec-kitty} on PATH, run in DIR
 * --executable PATH                                 with --real-host: another spec-kitty executable
 * --agent ID                                        engine examples: the agent for both roles; default
 *                                                   "scripted" (the test kit's scripted agent), or a built-in
 *                                                   id such as claude-code
 * </pre>
 *
 * <p>Not thread-safe; one per program run. Close it to close the client and delete a temporary project.
 */
public final class ExampleSetup implements AutoCloseable {
    private final OrchestratorClient client;
    private final Path projectRoot;
    private final String mission;
    private final SimulatedHost simulatedHost; // null on a real host
    private final TestProject temporaryProject; // null unless we created it
    private final String executable;
    private final String agent;

    private ExampleSetup(OrchestratorClient client, Path projectRoot, String mission, SimulatedHost simulatedHost,
            TestProject temporaryProject, String executable, String agent) {
        this.client = client;
        this.projectRoot = projectRoot;
        this.mission = mission;
        this.simulatedHost = simulatedHost;
        this.temporaryProject = temporaryProject;
        this.executable = executable;
        this.agent = agent;
    }

    /**
     * Reads the options described on this class; without options generates a 4-WP diamond mission.
     *
     * @param args the program arguments
     * @return the setup
     * @throws IllegalArgumentException on an unknown or incomplete option, saying what is missing
     */
    public static ExampleSetup fromArgs(String[] args) {
        return fromArgs(args, MissionGenerator.builder().slug("demo").workPackages(4).shape(DagShape.diamond()).build());
    }

    /**
     * Reads the options described on this class.
     *
     * @param args the program arguments
     * @param generated the mission to generate when no {@code --repo-root} is given
     * @return the setup
     * @throws IllegalArgumentException on an unknown or incomplete option, saying what is missing
     */
    public static ExampleSetup fromArgs(String[] args, MissionGenerator generated) {
        boolean real = false;
        String root = null;
        String mission = null;
        String profile = null;
        String executable = "spec-kitty";
        String agent = "scripted";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--real-host" -> real = true;
                case "--repo-root" -> root = value(args, ++i, "--repo-root");
                case "--mission" -> mission = value(args, ++i, "--mission");
                case "--profile" -> profile = value(args, ++i, "--profile");
                case "--executable" -> executable = value(args, ++i, "--executable");
                case "--agent" -> agent = value(args, ++i, "--agent");
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; use --real-host"
                        + " --repo-root DIR --mission SLUG, or no options for the simulated host");
            }
        }
        if (real) {
            if (root == null || mission == null) {
                throw new IllegalArgumentException("--real-host needs --repo-root DIR and --mission SLUG");
            }
            Path dir = Path.of(root).toAbsolutePath().normalize();
            OrchestratorClient client = OrchestratorClient.builder().executable(executable).projectRoot(dir).build();
            return new ExampleSetup(client, dir, mission, null, null, executable, agent);
        }
        TestProject project = null;
        Path dir;
        if (root != null) {
            if (mission == null) {
                throw new IllegalArgumentException("--repo-root needs --mission SLUG");
            }
            dir = Path.of(root).toAbsolutePath().normalize();
        } else {
            project = TestProject.create();
            mission = project.addMission(generated).directoryName();
            dir = project.root();
        }
        SimulatedHost.Builder host = SimulatedHost.builder().projectRoot(dir);
        if (profile != null) {
            host.profile(HostProfile.parse(profile));
        }
        SimulatedHost sim = host.build();
        OrchestratorClient client = OrchestratorClient.builder().transport(sim.transport()).projectRoot(dir).build();
        return new ExampleSetup(client, dir, mission, sim, project, executable, agent);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * Returns the client, connected to the simulated or the real host.
     *
     * @return the client
     */
    public OrchestratorClient client() {
        return client;
    }

    /**
     * Returns the project root (the directory holding {@code kitty-specs/}).
     *
     * @return the absolute root
     */
    public Path projectRoot() {
        return projectRoot;
    }

    /**
     * Returns the mission selector (its directory name under {@code kitty-specs/}).
     *
     * @return the mission
     */
    public String mission() {
        return mission;
    }

    /**
     * Returns the in-process simulated host, or empty when running against the real host.
     *
     * @return the simulated host
     */
    public Optional<SimulatedHost> simulatedHost() {
        return Optional.ofNullable(simulatedHost);
    }

    /**
     * Returns engine options for this setup: the project root, the {@code --agent} for both roles, and the host
     * executable agents should reach (on the simulated host: the test kit's simulated {@code spec-kitty}, which shares
     * the in-process host's state). Add your own settings before {@code build()}.
     *
     * @return a builder with the setup's values
     */
    public EngineOptions.Builder engineOptions() {
        EngineOptions.Builder b = EngineOptions.builder().projectRoot(projectRoot)
                .addImplementationAgent(agent).addReviewAgent(agent)
                .initialBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2));
        if (simulatedHost != null) {
            b.hostExecutable(SimulatedHostExecutable.path());
        } else if (executable.contains("/")) {
            b.hostExecutable(Path.of(executable).toAbsolutePath());
        }
        return b;
    }

    /**
     * Returns an engine builder with this setup's client, the given options, the process launcher, every built-in
     * agent adapter, and the test kit's scripted agent (id {@code scripted}) following {@code scenario}.
     *
     * @param options the engine options, usually from {@link #engineOptions()}
     * @param scenario what the scripted agents do
     * @return the builder; add strategies and listeners, then {@code build()}
     */
    public OrchestrationEngine.Builder engine(EngineOptions options, AgentScenario scenario) {
        return OrchestrationEngine.builder()
                .client(client)
                .options(options)
                .launcher(ProcessAgentLauncher.create())
                .adapters(AgentAdapters.builtIns())
                .addAdapter(scriptedAgent("scripted", scenario));
    }

    /**
     * Returns the test kit's scripted agent as a generic command agent: {@code scripted-agent --scenario <file>}.
     *
     * @param id the adapter id
     * @param scenario what it does
     * @return the adapter
     * @throws IllegalStateException when the scripted-agent launcher was not built
     *     ({@code ./mvnw -pl orchestrator-testkit -am process-classes})
     */
    public GenericCommandAgent scriptedAgent(String id, AgentScenario scenario) {
        Path file;
        try {
            file = scenario.writeTo(Files.createTempFile("scenario-", ".json"));
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent scenario", e);
        }
        return GenericCommandAgent.builder()
                .id(id)
                .executable(SimulatedHostExecutable.scriptedAgentPath().toString())
                .implementerArgs(List.of("--scenario", file.toString()))
                .build();
    }

    /**
     * Marks subtasks done the way a coding agent does: {@code spec-kitty agent tasks mark-status <ids> --status done
     * --mission <m>} (the host's for_review gate requires it). On the simulated host this runs in-process.
     *
     * @param subtaskIds the subtask ids, e.g. {@code T001}
     * @throws IllegalStateException when the host refuses
     */
    public void markSubtasksDone(List<String> subtaskIds) {
        if (subtaskIds.isEmpty()) {
            return;
        }
        if (simulatedHost != null) {
            simulatedHost.markSubtasksDone(mission, subtaskIds.toArray(String[]::new));
            return;
        }
        List<String> argv = new ArrayList<>(List.of(executable, "agent", "tasks", "mark-status"));
        argv.addAll(subtaskIds);
        argv.addAll(List.of("--status", "done", "--mission", mission));
        run(projectRoot, argv);
    }

    /**
     * Runs a command (argv, never a shell) in a directory and returns its stdout; fails on a non-zero exit or after
     * two minutes. Git runs with a fixed identity so that commits work on machines without one.
     *
     * @param directory the working directory
     * @param argv the command and its arguments
     * @return stdout
     * @throws IllegalStateException when the command fails, with its output
     */
    public static String run(Path directory, List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true);
        pb.environment().putIfAbsent("GIT_AUTHOR_NAME", "Example Orchestrator");
        pb.environment().putIfAbsent("GIT_AUTHOR_EMAIL", "examples@example.invalid");
        pb.environment().putIfAbsent("GIT_COMMITTER_NAME", "Example Orchestrator");
        pb.environment().putIfAbsent("GIT_COMMITTER_EMAIL", "examples@example.invalid");
        try {
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice()))).start();
            // stderr is merged into stdout, so reading one stream to its end cannot deadlock
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }

    /** Closes the client and deletes the temporary project, if one was created. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (temporaryProject != null) {
                temporaryProject.close();
            }
        }
    }
}
