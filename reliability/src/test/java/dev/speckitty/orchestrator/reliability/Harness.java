package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.OrchestrationEvent;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.StuckWorkPackage;
import dev.speckitty.orchestrator.core.WorkPackageOutcome;
import dev.speckitty.orchestrator.core.WorkPackageReport;
import dev.speckitty.orchestrator.core.agent.GenericCommandAgent;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationRecord;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.host.Fault;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostConfig;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One reliability scenario: a fresh git project with a small mission, a simulated host (in-process transport, or the
 * {@code spec-kitty} executable), scripted agents run as real processes, and the real engine. Not thread-safe; one
 * per test. Close it to delete the project.
 */
final class Harness implements AutoCloseable {
    /** Where a WP ended up, as the suite classifies it. */
    enum End { DONE, BLOCKED, LEFT }

    final TestProject project;
    final GeneratedMission mission;
    final Path work;
    final Path agentLog;
    final List<OrchestrationEvent> events = new CopyOnWriteArrayList<>();
    SimulatedHost host;
    OrchestratorClient client;
    RunStateStore store;
    /** When set, agents run in-process (see {@link #inProcessAgents()}); otherwise as scripted-agent processes. */
    InProcessAgents inProcess;

    Harness(Path work, MissionGenerator generator) {
        this.work = work;
        this.project = TestProject.create();
        this.mission = project.addMission(generator);
        this.agentLog = work.resolve("agents.jsonl");
    }

    /** A chain-free 3-WP mission: WP01 then WP02 and WP03 in parallel; no subtasks (saves a JVM per WP). */
    static MissionGenerator fanOut3() {
        return MissionGenerator.builder().slug("rel").workPackages(3).shape(DagShape.fanOut())
                .subtasksPerWorkPackage(0).build();
    }

    /** Uses the in-process simulated host transport with these faults. */
    Harness inProcessHost(Duration callTimeout, List<Fault> faults) {
        host = SimulatedHost.builder().projectRoot(project.root())
                .config(SimulatedHostConfig.builder().addAllFaults(faults).build()).build();
        // merge-mission has its own (long) timeout; a cell's hang must end at the cell's timeout
        client = OrchestratorClient.builder().transport(host.transport()).projectRoot(project.root())
                .callTimeout(callTimeout).mergeTimeout(callTimeout).build();
        return this;
    }

    /** Uses the in-process transport wrapped by {@code wrap} (e.g. to rewrite answers). */
    Harness wrappedHost(Duration callTimeout, UnaryOperator<dev.speckitty.orchestrator.client.spi.OrchestratorTransport> wrap) {
        host = SimulatedHost.builder().projectRoot(project.root()).config(SimulatedHostConfig.defaults()).build();
        client = OrchestratorClient.builder().transport(wrap.apply(host.transport())).projectRoot(project.root())
                .callTimeout(callTimeout).build();
        return this;
    }

    /** Uses the simulated {@code spec-kitty} executable (one JVM per call); faults go to the project config file. */
    Harness executableHost(Duration callTimeout, String faultsJson) {
        try {
            Path cfg = project.root().resolve(SimulatedHostConfig.CONFIG_FILE);
            Files.createDirectories(cfg.getParent());
            Files.writeString(cfg, "{\"faults\": " + faultsJson + "}", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        host = SimulatedHost.builder().projectRoot(project.root()).build();
        client = OrchestratorClient.builder().executable(SimulatedHostExecutable.path().toString()).projectRoot(project.root())
                .callTimeout(callTimeout).build();
        return this;
    }

    /** Runs the agents in-process (healthy, instant) instead of as scripted-agent JVMs: for host-fault cells. */
    Harness inProcessAgents() {
        inProcess = new InProcessAgents();
        return this;
    }

    /** The adapters of an in-process implementer {@code impl} and reviewer {@code rev}. */
    List<AgentAdapter> inProcessAdapters() {
        return List.of(inProcessAdapter("impl"), inProcessAdapter("rev"));
    }

    private static AgentAdapter inProcessAdapter(String id) {
        return GenericCommandAgent.builder().id(id).executable("in-process-" + id)
                .implementerArgs(List.of()).reviewerArgs(List.of()).build();
    }

    /** How many implementations of a WP ran (either kind of agent). */
    long implementations(String wp) {
        if (inProcess != null) {
            return inProcess.runs(wp, "implementer").size();
        }
        return agents().forWorkPackage(wp).stream().filter(r -> r.role() == ScriptedRole.IMPLEMENTER).count();
    }

    /** A scripted agent adapter with its own scenario; every run is logged to {@link #agentLog}. */
    AgentAdapter agent(String id, AgentScenario scenario) {
        return agent(id, scenario, SimulatedHostExecutable.scriptedAgentPath().toString(), Map.of());
    }

    AgentAdapter agent(String id, AgentScenario scenario, String executable, Map<String, String> env) {
        AgentScenario logged = AgentScenario.builder().from(scenario).logFile(agentLog.toString()).build();
        Path file = logged.writeTo(work.resolve(id + "-scenario.json"));
        return GenericCommandAgent.builder().id(id).executable(executable)
                .implementerArgs(List.of()).reviewerArgs(List.of())
                .putEnvironment("SCRIPTED_AGENT_SCENARIO", file.toString())
                .putEnvironment("SPEC_KITTY_BIN", SimulatedHostExecutable.path().toString())
                .environment(env)
                .build();
    }

    EngineOptions.Builder options(List<String> impl, List<String> reviewers) {
        return EngineOptions.builder().projectRoot(project.root()).maxConcurrent(2)
                .implementationAgents(impl).reviewAgents(reviewers)
                .implementationTimeout(Duration.ofSeconds(60)).reviewTimeout(Duration.ofSeconds(60))
                .maxAttemptsPerAgent(2)
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(1))
                .hostExecutable(SimulatedHostExecutable.path())
                .logDirectory(work.resolve("logs"));
    }

    RunReport run(EngineOptions options, List<AgentAdapter> adapters) {
        return engine(options, adapters, work.resolve("run-state.json"))
                .run(RunRequest.builder().mission(mission.directoryName()).build());
    }

    OrchestrationEngine engine(EngineOptions options, List<AgentAdapter> adapters, Path stateFile) {
        store = RunStateStores.jsonFile(stateFile);
        return OrchestrationEngine.builder().client(client).options(options)
                .launcher(inProcess != null ? inProcess : ProcessAgentLauncher.create()).adapters(adapters).runStateStore(store)
                .sleeper(d -> { }) // back-off is a decision, not something to wait for in a test
                .addListener(events::add).build();
    }

    AgentInvocationLog agents() {
        return Files.exists(agentLog) ? AgentInvocationLog.read(agentLog) : AgentInvocationLog.read(emptyLog());
    }

    private Path emptyLog() {
        try {
            Path p = work.resolve("empty.jsonl");
            Files.writeString(p, "");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Classifies one WP and checks that report, host and run-state agree about it. */
    End end(RunReport report, String wp) {
        Lane lane = host.lane(mission.directoryName(), wp);
        WorkPackageReport r = report.workPackage(wp).orElse(null);
        Optional<StuckWorkPackage> stuck = report.stuck().stream().filter(s -> s.wpId().equals(wp)).findFirst();
        if (lane == Lane.DONE) {
            assertThat(r).as("%s is done on the host but missing from the report", wp).isNotNull();
            assertThat(r.outcome()).as("%s outcome vs host lane done", wp).isEqualTo(WorkPackageOutcome.DONE);
            assertThat(stuck).as("%s done but reported stuck", wp).isEmpty();
            return End.DONE;
        }
        assertThat(stuck).as("%s is %s on the host but the report does not say why (stuck=%s)", wp, lane,
                report.stuck()).isPresent();
        assertThat(stuck.get().reason()).as("reason for %s", wp).isNotBlank();
        assertThat(stuck.get().lane()).as("report lane of %s vs host", wp).isEqualTo(lane.wireValue());
        if (lane == Lane.BLOCKED) {
            assertThat(r).isNotNull();
            assertThat(r.outcome()).as("%s outcome vs host lane blocked", wp).isEqualTo(WorkPackageOutcome.BLOCKED);
            return End.BLOCKED;
        }
        assertThat(r == null || r.outcome() != WorkPackageOutcome.DONE).as("%s not done on host", wp).isTrue();
        return End.LEFT;
    }

    /** The invariants every cell must keep, whatever the fault. Returns WP01's end. */
    Map<String, End> checkInvariants(RunReport report) {
        Map<String, End> ends = new java.util.TreeMap<>();
        for (String wp : mission.workPackageIds()) {
            ends.put(wp, end(report, wp));
        }
        // the run state file agrees with the report
        RunState state = store.load().orElseThrow();
        assertThat(state.status()).isEqualTo(report.status());
        assertThat(state.runId()).isEqualTo(report.runId());
        for (Map.Entry<String, End> e : ends.entrySet()) {
            if (e.getValue() == End.DONE) {
                assertThat(state.workPackages()).as("state record of %s", e.getKey()).containsKey(e.getKey());
                assertThat(state.workPackages().get(e.getKey()).attempts()).as("attempts of %s in state", e.getKey())
                        .isNotEmpty();
            }
        }
        // no WP ever had two implementations (or two reviews) at once
        AgentInvocationLog log = agents();
        assertThat(log.overlappingRuns(ScriptedRole.IMPLEMENTER)).as("overlapping implementations").isEmpty();
        assertThat(log.overlappingRuns(ScriptedRole.REVIEWER)).as("overlapping reviews").isEmpty();
        if (inProcess != null) {
            assertThat(inProcess.overlapping("implementer")).as("overlapping in-process implementations").isEmpty();
            assertThat(inProcess.overlapping("reviewer")).as("overlapping in-process reviews").isEmpty();
        }
        // nothing the run started is still running (agents, host processes)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ProcessHandle.current().descendants()
                        .filter(ProcessHandle::isAlive).map(h -> h.info().commandLine().orElse("?")))
                        .as("processes left behind").noneMatch(c -> c.contains("ScriptedAgentMain")
                                || c.contains("SimulatedHostMain")));
        return ends;
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            project.close();
        }
    }
}
