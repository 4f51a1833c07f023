package dev.speckitty.orchestrator.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.OrchestrationEvent;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.HostEvent;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume of an in_progress WP whose implementation was committed before the orchestrator stopped: the engine compares
 * the workspace HEAD with the commit in the run state (real git, the simulated host's real lane worktree) and hands
 * off without re-running the agent when nothing or only new work changed, but implements again, keeping the recorded
 * commit under a ref and warning with both ids, when the branch was reset.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResumeWorkspaceHeadOnSimulatedHostTest {
    @RegisterExtension
    static final SpecKittyExtension KIT = SpecKittyExtension.builder()
            .mission(MissionGenerator.builder().slug("head").workPackages(1).shape(DagShape.independent()).build())
            .build();

    @TempDir
    Path outside;

    private final List<OrchestrationEvent> events = new CopyOnWriteArrayList<>();
    private RunStateStore store;

    private AgentAdapter agent(String id) {
        return SimAgents.scripted(id, AgentScenario.builder().defaults(AgentBehavior.builder().build())
                .logFile(outside.resolve(id + ".jsonl").toString()).build(), outside);
    }

    private EngineOptions options(TestProject project) {
        return SimAgents.options(project, outside, List.of("impl"), List.of("rev")).build();
    }

    /** Runs until the implementation is committed, then stops: the WP stays in_progress with a recorded commit. */
    private Path interruptAfterTheCommit(TestProject project, GeneratedMission mission, SimulatedHost host,
            OrchestratorClient client) {
        store = RunStateStores.jsonFile(outside.resolve("run-state.json"));
        OrchestrationEngine[] engine = new OrchestrationEngine[1];
        engine[0] = OrchestrationEngine.builder().client(client).options(options(project))
                .launcher(ProcessAgentLauncher.create()).adapters(List.of(agent("impl"), agent("rev")))
                .runStateStore(store).sleeper(d -> {})
                .addListener(events::add)
                .addListener(e -> {
                    if (e.type() == EventType.COMMITTED) {
                        engine[0].requestStop();
                    }
                })
                .build();
        RunReport first = engine[0].run(RunRequest.of(mission.directoryName()));
        assertThat(first.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(host.lane(mission.directoryName(), "WP01")).isEqualTo(Lane.IN_PROGRESS);
        assertThat(store.load().orElseThrow().workPackages().get("WP01").lastCommit()).isPresent();
        String ws = events.stream().filter(e -> e.type() == EventType.WP_CLAIMED).findFirst().orElseThrow()
                .fields().get("workspace");
        events.clear();
        return Path.of(ws);
    }

    private RunReport resume(TestProject project, GeneratedMission mission, OrchestratorClient client) {
        return OrchestrationEngine.builder().client(client).options(options(project))
                .launcher(ProcessAgentLauncher.create()).adapters(List.of(agent("impl"), agent("rev")))
                .runStateStore(store).sleeper(d -> {}).addListener(events::add).build()
                .run(RunRequest.builder().mission(mission.directoryName()).resume(true).build());
    }

    private String recordedCommit() {
        return store.load().orElseThrow().workPackages().get("WP01").lastCommit().orElseThrow();
    }

    private int implementerRuns() {
        return (int) AgentInvocationLog.read(outside.resolve("impl.jsonl")).records().stream()
                .filter(r -> r.role() == dev.speckitty.orchestrator.testkit.agent.ScriptedRole.IMPLEMENTER).count();
    }

    private String forReviewNote(SimulatedHost host, GeneratedMission mission) {
        return host.events(mission.directoryName()).stream()
                .filter(e -> e.wpId().equals("WP01") && e.toLane().equals(java.util.Optional.of("for_review")))
                .map(HostEvent::note).map(n -> n.orElse("")).findFirst().orElseThrow();
    }

    @Test
    void anUnchangedCommittedImplementationGoesStraightToReview(TestProject project, GeneratedMission mission,
            SimulatedHost host, OrchestratorClient client) {
        interruptAfterTheCommit(project, mission, host, client);
        String recorded = recordedCommit();

        RunReport report = resume(project, mission, client);

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(host.lane(mission.directoryName(), "WP01")).isEqualTo(Lane.DONE);
        assertThat(implementerRuns()).as("the agent is not run again").isEqualTo(1);
        assertThat(forReviewNote(host, mission)).contains("Resumed: implementation already committed")
                .contains(recorded.substring(0, 10));
        assertThat(events).noneMatch(e -> e.type() == EventType.WARNING && e.fields().containsKey("recorded_commit"));
    }

    @Test
    void workCommittedOnTopIsKeptAndHandedOff(TestProject project, GeneratedMission mission, SimulatedHost host,
            OrchestratorClient client) throws Exception {
        Path ws = interruptAfterTheCommit(project, mission, host, client);
        String recorded = recordedCommit();
        Files.writeString(ws.resolve("EXTRA.md"), "added by a human while the orchestrator was stopped\n");
        SimAgents.git(ws, "add", "EXTRA.md");
        SimAgents.git(ws, "commit", "-q", "-m", "human follow-up");
        String head = SimAgents.git(ws, "rev-parse", "HEAD");

        RunReport report = resume(project, mission, client);

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(implementerRuns()).as("work was added, not lost: no new implementation").isEqualTo(1);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.WARNING);
            assertThat(e.fields()).containsEntry("recorded_commit", recorded).containsEntry("head", head)
                    .containsEntry("relation", "descendant");
        });
        assertThat(forReviewNote(host, mission)).contains("is ahead of the recorded commit")
                .contains(head.substring(0, 10)).contains(recorded.substring(0, 10));
        assertThat(SimAgents.git(ws, "rev-parse", "HEAD")).as("nothing rewound").isEqualTo(head);
        assertThat(store.load().orElseThrow().workPackages().get("WP01").lastCommit()).contains(head);
    }

    @Test
    void aResetBranchIsImplementedAgainAndTheRecordedCommitIsKept(TestProject project, GeneratedMission mission,
            SimulatedHost host, OrchestratorClient client) throws Exception {
        Path ws = interruptAfterTheCommit(project, mission, host, client);
        String recorded = recordedCommit();
        SimAgents.git(ws, "reset", "-q", "--hard", "HEAD~1");
        String head = SimAgents.git(ws, "rev-parse", "HEAD");

        RunReport report = resume(project, mission, client);

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(host.lane(mission.directoryName(), "WP01")).isEqualTo(Lane.DONE);
        assertThat(implementerRuns()).as("the lost implementation is done again from HEAD").isEqualTo(2);
        String kept = "refs/spec-kitty/kept/WP01-" + recorded.substring(0, 10);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.WARNING);
            assertThat(e.message()).contains(recorded).contains(head);
            assertThat(e.fields()).containsEntry("relation", "not_in_history").containsEntry("kept_ref", kept);
        });
        assertThat(SimAgents.git(ws, "rev-parse", kept)).as("the recorded commit is not lost").isEqualTo(recorded);
        assertThat(forReviewNote(host, mission)).contains("history rewritten or reset").contains(recorded);
    }
}
