package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary project for CLI tests: a real git repository with a generated mission, wrapper scripts that run the
 * simulated host and the scripted agent from the current classpath, and a configuration that uses the scripted agent
 * as the generic command agent {@code scripted}.
 */
public final class SimProject implements AutoCloseable {
    public final Path base;
    public final TestProject project;
    public final GeneratedMission mission;
    public final Path host;
    public final Path agent;
    public final Path scenario;
    public final Path agentLog;

    private SimProject(Path base, int workPackages, AgentScenario scenario, String classpath) throws IOException {
        this.base = base;
        Path bin = Files.createDirectories(base.resolve("bin"));
        this.host = classpath == null
                ? DemoCommand.writeLauncher(bin.resolve("spec-kitty"),
                        "dev.speckitty.orchestrator.testkit.host.SimulatedHostMain")
                : DemoCommand.writeLauncher(bin.resolve("spec-kitty"),
                        "dev.speckitty.orchestrator.testkit.host.SimulatedHostMain", classpath);
        this.agent = classpath == null
                ? DemoCommand.writeLauncher(bin.resolve("scripted-agent"),
                        "dev.speckitty.orchestrator.testkit.agent.ScriptedAgentMain")
                : DemoCommand.writeLauncher(bin.resolve("scripted-agent"),
                        "dev.speckitty.orchestrator.testkit.agent.ScriptedAgentMain", classpath);
        this.project = TestProject.createIn(base);
        this.mission = project.addMission(MissionGenerator.builder().slug("cli-test").workPackages(workPackages)
                .shape(DagShape.chain()).subtasksPerWorkPackage(1).build());
        this.agentLog = base.resolve("agents.jsonl");
        this.scenario = base.resolve("scenario.json");
        writeScenario(scenario);
        writeConfig("");
    }

    /** A project whose agents take {@code agentMillis} per run and approve everything. */
    public static SimProject create(Path base, int workPackages, long agentMillis) throws IOException {
        return create(base, workPackages, agentMillis, null);
    }

    /** Like {@link #create(Path, int, long)}, with the wrappers running from {@code classpath} (e.g. the CLI jar). */
    public static SimProject create(Path base, int workPackages, long agentMillis, String classpath)
            throws IOException {
        return new SimProject(base, workPackages, AgentScenario.builder()
                .defaults(AgentBehavior.builder().durationMillis(agentMillis).build()).build(), classpath);
    }

    public void writeScenario(AgentScenario s) {
        AgentScenario.builder().from(s).logFile(agentLog.toString()).specKittyBin(host.toString()).build()
                .writeTo(scenario);
    }

    /** Writes {@code .kittify/orchestrator.yaml}: the scripted agent for both roles, plus {@code extra} lines. */
    public void writeConfig(String extra) {
        String yaml = "host: " + host + "\n"
                + "inhibit_sleep: false\n"
                + "agents:\n"
                + "  implementation: [scripted]\n"
                + "  review: [scripted]\n"
                + "  max_retries: 1\n"
                + "  custom:\n"
                + "    scripted:\n"
                + "      command: [\"" + agent + "\", --scenario, \"" + scenario + "\"]\n"
                + "      version_args: [--help]\n"
                + extra;
        try {
            Files.writeString(root().resolve(".kittify/orchestrator.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return project.root();
    }

    public String missionSlug() {
        return mission.directoryName();
    }

    @Override
    public void close() {
        project.close();
    }
}
