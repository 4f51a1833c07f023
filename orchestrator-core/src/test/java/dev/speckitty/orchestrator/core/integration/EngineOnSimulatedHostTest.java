package dev.speckitty.orchestrator.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.OrchestrationEvent;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.WorkPackageOutcome;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.agent.UsageFigures;
import dev.speckitty.orchestrator.testkit.agent.VerdictDelivery;
import dev.speckitty.orchestrator.testkit.host.HostEvent;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against the simulated host (real git, real lane worktrees, the real for_review gates) with scripted agents
 * run as real processes by the real launcher. The default fixture is a 4-WP diamond mission.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(SpecKittyExtension.class)
class EngineOnSimulatedHostTest {
    @TempDir
    Path outside;

    private final List<OrchestrationEvent> events = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private RunStateStore store;

    private AgentAdapter agent(String id, AgentScenario scenario) {
        return SimAgents.scripted(id, scenario, outside);
    }

    private static AgentScenario plain() {
        return AgentScenario.builder().defaults(AgentBehavior.builder()
                .usage(UsageFigures.of(1000, 200, 0.02)).build()).build();
    }

    private EngineOptions.Builder options(TestProject project, String impl, String... reviewers) {
        return SimAgents.options(project, outside, List.of(impl), List.of(reviewers)).maxConcurrent(2);
    }

    private RunReport run(OrchestratorClient client, GeneratedMission mission, EngineOptions options,
            List<AgentAdapter> adapters, boolean resume) {
        if (store == null) {
            store = RunStateStores.jsonFile(outside.resolve("run-state.json"));
        }
        OrchestrationEngine engine = OrchestrationEngine.builder()
                .client(client)
                .options(options)
                .launcher(ProcessAgentLauncher.create())
                .adapters(adapters)
                .runStateStore(store)
                .sleeper(sleeps::add)
                .addListener(events::add)
                .build();
        return engine.run(RunRequest.builder().mission(mission.directoryName()).resume(resume).build());
    }

    private static List<String> laneMoves(SimulatedHost host, GeneratedMission mission, String wp) {
        List<String> moves = new ArrayList<>();
        for (HostEvent e : host.events(mission.directoryName())) {
            if (e.wpId().equals(wp) && e.toLane().isPresent()) {
                moves.add(e.toLane().get());
            }
        }
        return moves;
    }

    @Test
    void diamondHappyPathOnTheSimulatedHost(TestProject project, GeneratedMission mission, SimulatedHost host,
            OrchestratorClient client) {
        RunReport report = run(client, mission, options(project, "impl", "rev").build(),
                List.of(agent("impl", plain()), agent("rev", plain())), false);

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        for (String wp : mission.workPackageIds()) {
            assertThat(host.lane(mission.directoryName(), wp)).isEqualTo(Lane.DONE);
            assertThat(report.workPackage(wp).orElseThrow().hostCalls().values().stream().mapToInt(i -> i).sum())
                    .as("host calls of %s", wp).isEqualTo(4);
        }
        // 4 mutations per WP plus the run-level reads: one mission-state, list-ready only after unlocking events
        assertThat(report.hostCalls()).containsEntry("start-implementation", 4).containsEntry("start-review", 4)
                .containsEntry("transition", 8).containsEntry("mission-state", 1).doesNotContainKey("append-history");
        assertThat(report.hostCalls().getOrDefault("list-ready", 0)).isBetween(1, 3);
        assertThat(report.totalHostCalls()).isLessThanOrEqualTo(4 * 5);
        assertThat(report.usage().costUsd()).isPresent();
        assertThat(events.stream().filter(e -> e.type() == EventType.COMMITTED)).hasSize(4);
    }

    @Test
    void rejectedReviewIsReworkedWithTheFeedback(TestProject project, GeneratedMission mission, SimulatedHost host,
            OrchestratorClient client) {
        AgentScenario reviewer = AgentScenario.builder()
                .when("WP01", ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
                        .verdict(ReviewVerdict.CHANGES_REQUESTED).feedback("Please add tests for {wp}.").build())
                .build();
        RunReport report = run(client, mission, options(project, "impl", "rev").build(),
                List.of(agent("impl", plain()), agent("rev", reviewer)), false);

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(laneMoves(host, mission, "WP01")).containsSubsequence("in_review", "in_progress", "for_review",
                "in_review", "done");
        assertThat(report.workPackage("WP01").orElseThrow().reviewCycles()).isEqualTo(2);
        assertThat(store.load().orElseThrow().workPackages().get("WP01").reviews().get(0).feedback())
                .contains("Please add tests for WP01");
    }

    @Test
    void crashingReviewerFallsBackAndIsNeverARejection(TestProject project, GeneratedMission mission,
            SimulatedHost host, OrchestratorClient client) {
        AgentScenario crashy = AgentScenario.builder()
                .defaults(AgentBehavior.builder().exitCode(3).verdictDelivery(VerdictDelivery.NONE)
                        .stdoutText("segfault").build()).build();
        RunReport report = run(client, mission, options(project, "impl", "rev-crashy", "rev-good")
                .maxAttemptsPerAgent(1).build(),
                List.of(agent("impl", plain()), agent("rev-crashy", crashy), agent("rev-good", plain())), false);

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(laneMoves(host, mission, "WP01")).doesNotContain("blocked");
        assertThat(laneMoves(host, mission, "WP01").stream().filter("in_progress"::equals)).hasSize(1);
        assertThat(events.stream().filter(e -> e.type() == EventType.AGENT_FALLBACK)).isNotEmpty();
    }

    @Test
    void failingImplementerIsRetriedThenBlockedAndTheStallIsReported(TestProject project, GeneratedMission mission,
            SimulatedHost host, OrchestratorClient client) {
        AgentScenario broken = AgentScenario.builder()
                .when("WP01", ScriptedRole.IMPLEMENTER, null, AgentBehavior.builder().exitCode(1).build()).build();
        RunReport report = run(client, mission, options(project, "impl", "rev").maxAttemptsPerAgent(2).build(),
                List.of(agent("impl", broken), agent("rev", plain())), false);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(host.lane(mission.directoryName(), "WP01")).isEqualTo(Lane.BLOCKED);
        assertThat(report.workPackage("WP01").orElseThrow().implementationAttempts()).isEqualTo(2);
        assertThat(report.workPackage("WP01").orElseThrow().outcome()).isEqualTo(WorkPackageOutcome.BLOCKED);
        assertThat(sleeps).hasSize(1);
        assertThat(report.stuck().stream().map(s -> s.wpId()).collect(Collectors.toList()))
                .containsExactly("WP01", "WP02", "WP03", "WP04");
        assertThat(report.failureReason()).get().asString().contains("WP02(lane=planned, waits on WP01 (blocked)");
    }

    @Test
    void resumeAfterAnInterruptionFinishesTheMission(TestProject project, GeneratedMission mission,
            SimulatedHost host, OrchestratorClient client) {
        AgentScenario hangs = AgentScenario.builder()
                .when("WP01", ScriptedRole.REVIEWER, 1, AgentBehavior.builder().hang(true).build()).build();
        EngineOptions opts = options(project, "impl", "rev").build();
        OrchestrationEngine[] holder = new OrchestrationEngine[1];
        store = RunStateStores.jsonFile(outside.resolve("run-state.json"));
        holder[0] = OrchestrationEngine.builder().client(client).options(opts)
                .launcher(ProcessAgentLauncher.create())
                .adapters(List.of(agent("impl", plain()), agent("rev", hangs)))
                .runStateStore(store).sleeper(sleeps::add)
                .addListener(e -> {
                    if (e.type() == EventType.AGENT_STARTED && "reviewer".equals(e.role().orElse(""))) {
                        holder[0].requestStop();
                    }
                })
                .build();
        RunReport first = holder[0].run(RunRequest.of(mission.directoryName()));
        assertThat(first.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(host.lane(mission.directoryName(), "WP01")).isEqualTo(Lane.IN_REVIEW);

        RunReport second = run(client, mission, opts, List.of(agent("impl", plain()), agent("rev", plain())), true);
        assertThat(second.status()).as(second.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.runId()).isEqualTo(first.runId());
        // the interrupted review is ours: forced back to for_review with a note, then reviewed under a new ref
        assertThat(second.workPackage("WP01").orElseThrow().hostCalls())
                .containsEntry("resolve-workspace", 1).containsEntry("start-review", 1).containsEntry("transition", 2);
        assertThat(mission.workPackageIds()).allMatch(wp -> host.lane(mission.directoryName(), wp) == Lane.DONE);
        List<HostEvent> wp1 = host.events(mission.directoryName()).stream()
                .filter(e -> e.wpId().equals("WP01") && e.toLane().isPresent()).collect(Collectors.toList());
        HostEvent requeue = wp1.stream().filter(HostEvent::force).findFirst().orElseThrow();
        assertThat(requeue.fromLane()).contains("in_review");
        assertThat(requeue.toLane()).contains("for_review");
        assertThat(requeue.note()).get().asString().contains("reviewer was interrupted when the orchestrator stopped");
        List<String> refs = wp1.stream().filter(e -> e.toLane().equals(java.util.Optional.of("in_review")))
                .map(e -> e.reviewRef().orElse("")).collect(Collectors.toList());
        assertThat(refs).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void acceptThenMergeLandsTheMissionOnItsTarget(TestProject project, GeneratedMission mission, SimulatedHost host,
            OrchestratorClient client) {
        RunReport report = run(client, mission, options(project, "impl", "rev")
                        .approveTarget(dev.speckitty.orchestrator.core.ApproveTarget.APPROVED)
                        .accept(true).merge(true).mergeTarget("main").build(),
                List.of(agent("impl", plain()), agent("rev", plain())), false);

        // accept-mission rewrites the tracked meta.json; without committing it the host refuses the merge
        assertThat(report.finish().orElseThrow().messages()).as("finish messages").isEmpty();
        assertThat(report.finish().orElseThrow().accepted()).isTrue();
        assertThat(report.finish().orElseThrow().merged()).isTrue();
        assertThat(mission.workPackageIds()).allMatch(wp -> host.lane(mission.directoryName(), wp) == Lane.DONE);
        assertThat(project.log("main")).anyMatch(line -> line.contains("Record acceptance of mission"));
        String meta = "kitty-specs/" + mission.directoryName() + "/meta.json";
        assertThat(project.git("status", "--porcelain", "--", meta).stdout()).as("acceptance record committed").isBlank();
    }
}
