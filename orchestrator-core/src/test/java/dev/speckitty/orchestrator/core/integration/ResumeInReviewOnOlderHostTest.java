package dev.speckitty.orchestrator.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.core.state.WorkPackageRecord;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.HostEvent;
import dev.speckitty.orchestrator.testkit.host.HostProfile;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract 1.2.0 (host 3.2.4) refuses a second actor's {@code start-review} on an {@code in_review} WP with
 * {@code WP_ALREADY_CLAIMED}, so re-claiming our own interrupted review in place cannot work there (e.g. after the
 * actor name changed between runs). The resume re-queues it with a forced move instead (no review result: hosts
 * before 1.3.0 refuse one), after which the review is claimed again under a new reference.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResumeInReviewOnOlderHostTest {
    @RegisterExtension
    static final SpecKittyExtension KIT = SpecKittyExtension.builder()
            .profile(HostProfile.V1_2_0)
            .mission(MissionGenerator.builder().slug("old").workPackages(1).shape(DagShape.independent()).build())
            .build();

    private static final String OLD_ACTOR = "orchestrator-before-rename";
    private static final String OLD_REF = "review-WP01-cycle1-old";

    @TempDir
    Path outside;

    private AgentAdapter agent(String id) {
        return SimAgents.scripted(id, AgentScenario.builder().build(), outside);
    }

    @Test
    void ourInterruptedReviewIsRequeuedAndClaimedAgainOnA120Host(TestProject project, GeneratedMission mission,
            SimulatedHost host, OrchestratorClient client) throws Exception {
        String m = mission.directoryName();
        EngineOptions options = SimAgents.options(project, outside, List.of("impl"), List.of("rev"))
                .maxAttemptsPerAgent(1).build();
        PolicyMetadata policy = options.policy();
        // The review this orchestrator claimed before it stopped, under its former actor name.
        String wsPath = client.startImplementation(StartImplementationRequest.builder().mission(m).wp("WP01")
                .actor(OLD_ACTOR).policy(policy).build()).workspacePath();
        Path ws = Path.of(wsPath).isAbsolute() ? Path.of(wsPath) : project.root().resolve(wsPath);
        Files.writeString(ws.resolve("WORK.md"), "implemented\n");
        SimAgents.git(ws, "add", "-A");
        SimAgents.git(ws, "commit", "-q", "-m", "feat(WP01): implementation");
        client.transition(TransitionRequest.builder().mission(m).wp("WP01").to(Lane.FOR_REVIEW).actor(OLD_ACTOR)
                .policy(policy).subtasksComplete(true).note("Ready for review").build());
        client.startReview(StartReviewRequest.builder().mission(m).wp("WP01").actor(OLD_ACTOR).policy(policy)
                .reviewRef(OLD_REF).build());
        assertThatThrownBy(() -> client.startReview(StartReviewRequest.builder().mission(m).wp("WP01")
                .actor(options.actor()).policy(policy).build()))
                .as("why re-claiming in place cannot work on this host")
                .isInstanceOfSatisfying(HostErrorException.class,
                        e -> assertThat(e.errorCodeAsString()).isEqualTo("WP_ALREADY_CLAIMED"));
        RunStateStore store = RunStateStores.jsonFile(outside.resolve("run-state.json"));
        store.save(RunState.builder().runId("run-1").mission(m).status(RunStatus.INTERRUPTED)
                .startedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .putWorkPackage("WP01", WorkPackageRecord.builder().wpId("WP01").openReviewRef(OLD_REF).build())
                .build());

        OrchestrationEngine.builder().client(client).options(options).launcher(ProcessAgentLauncher.create())
                .adapters(List.of(agent("impl"), agent("rev"))).runStateStore(store).sleeper(d -> {}).build()
                .run(RunRequest.builder().mission(m).resume(true).build());

        List<HostEvent> moves = host.events(m).stream()
                .filter(e -> e.wpId().equals("WP01") && e.toLane().isPresent()).collect(Collectors.toList());
        HostEvent requeue = moves.stream().filter(HostEvent::force).findFirst().orElseThrow();
        assertThat(requeue.fromLane()).contains("in_review");
        assertThat(requeue.toLane()).contains("for_review");
        assertThat(requeue.actor()).contains(options.actor());
        assertThat(requeue.note()).get().asString().contains(OLD_REF)
                .contains("the reviewer was interrupted when the orchestrator stopped");
        HostEvent reclaim = moves.get(moves.indexOf(requeue) + 1);
        assertThat(reclaim.toLane()).contains("in_review");
        assertThat(reclaim.actor()).contains(options.actor());
        assertThat(reclaim.reviewRef()).isPresent().isNotEqualTo(Optional.of(OLD_REF));
    }
}
