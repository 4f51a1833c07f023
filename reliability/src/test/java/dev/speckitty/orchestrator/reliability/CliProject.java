package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.HostEvent;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A project for driving the real CLI: a git repository with a generated mission, a {@code .kittify/orchestrator.yaml}
 * that uses the test kit's simulated {@code spec-kitty} executable as the host and its {@code scripted-agent} as the
 * generic command agent {@code scripted} for both roles, and a scenario file the agents read (and log to). Every CLI
 * started through it carries a unique marker so that the processes it leaves can be found. Close it to delete the
 * project.
 */
final class CliProject implements AutoCloseable {
    final Path work;
    final TestProject project;
    final GeneratedMission mission;
    final Path scenario;
    final Path agentLog;
    final Path outDir;
    final String marker = "rel-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    final SimulatedHost host;
    private int started;

    CliProject(Path work, MissionGenerator generator, AgentScenario scenario) {
        this.work = work;
        this.project = TestProject.createIn(work);
        this.mission = project.addMission(generator);
        // the marker is in the scenario path, so it is on every scripted agent's command line as well
        this.scenario = work.resolve("scenario-" + marker + ".json");
        this.agentLog = work.resolve("agents.jsonl");
        this.outDir = work.resolve("out");
        writeScenario(scenario);
        writeConfig(3, "");
        this.host = SimulatedHost.builder().projectRoot(project.root()).build();
    }

    Path root() {
        return project.root();
    }

    String slug() {
        return mission.directoryName();
    }

    void writeScenario(AgentScenario s) {
        AgentScenario.builder().from(s).logFile(agentLog.toString())
                .specKittyBin(SimulatedHostExecutable.path().toString()).build().writeTo(scenario);
    }

    void writeConfig(int maxConcurrent, String extra) {
        String yaml = "host: " + SimulatedHostExecutable.path() + "\n"
                + "inhibit_sleep: false\n"
                + "max_concurrent_wps: " + maxConcurrent + "\n"
                + "agents:\n"
                + "  implementation: [scripted]\n"
                + "  review: [scripted]\n"
                + "  max_retries: 1\n"
                + "  timeout_seconds: 120\n"
                + "  custom:\n"
                + "    scripted:\n"
                + "      command: [\"" + SimulatedHostExecutable.scriptedAgentPath() + "\", --scenario, \"" + scenario
                + "\"]\n"
                + "      version_args: [--help]\n"
                + extra;
        try {
            Files.writeString(root().resolve(".kittify/orchestrator.yaml"), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the CLI in the project root; {@code label} names its output files. */
    CliProcess start(String label, String... args) {
        return CliProcess.start(root(), outDir, marker, String.format("%02d-%s", ++started, label), List.of(args));
    }

    /** Runs the CLI to its end. */
    CliProcess run(String label, String... args) {
        CliProcess p = start(label, args);
        p.waitFor();
        return p;
    }

    CliProcess orchestrate(String label) {
        return start(label, "orchestrate", "--mission", slug());
    }

    CliProcess resume(String label) {
        return start(label, "resume", "--mission", slug());
    }

    Path stateFile() {
        return root().resolve(".kittify").resolve("orchestrator-run-state-" + slug() + ".json");
    }

    Path lockFile() {
        return root().resolve(".kittify").resolve("orchestrator-" + slug() + ".lock");
    }

    Optional<RunState> runState() {
        return RunStateStores.jsonFile(stateFile()).load();
    }

    String lockContent() {
        try {
            return Files.exists(lockFile()) ? Files.readString(lockFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Lane> lanes() {
        Map<String, Lane> m = new TreeMap<>();
        for (String wp : mission.workPackageIds()) {
            m.put(wp, host.lane(slug(), wp));
        }
        return m;
    }

    List<HostEvent> hostEvents() {
        return host.events(slug());
    }

    AgentInvocationLog agents() {
        return AgentInvocationLog.read(agentLog);
    }

    /** Processes of this project still alive (agents, host calls, git, the CLI itself). */
    List<ProcessTable.Proc> processes() {
        return ProcessTable.withMarker(marker);
    }

    /** Waits (bounded) until no process of this project is alive; fails naming the survivors. */
    void awaitNoProcessLeft(Duration limit) {
        org.awaitility.Awaitility.await("no process of " + marker + " left").atMost(limit)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(processes()).as("processes left behind").isEmpty());
    }

    /** Every lane-changing event of the host, per WP, as "from→to". */
    Map<String, List<String>> transitions() {
        Map<String, List<String>> m = new TreeMap<>();
        for (HostEvent e : hostEvents()) {
            if (e.type().equals("lane_transition")) {
                m.computeIfAbsent(e.wpId(), k -> new ArrayList<>())
                        .add(e.fromLane().orElse("?") + "→" + e.toLane().orElse("?"));
            }
        }
        return m;
    }

    @Override
    public void close() {
        project.close();
    }
}
