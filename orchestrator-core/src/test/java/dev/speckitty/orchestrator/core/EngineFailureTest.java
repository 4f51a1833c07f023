package dev.speckitty.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.error.HostTimeoutException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.core.fakes.FakeHost;
import dev.speckitty.orchestrator.core.fakes.Harness;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.state.AttemptRecord;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineFailureTest {
    @TempDir
    Path root;

    @Test
    void failingImplementersAreRetriedWithBackoffThenFallBackThenBlockWithTheReason() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.agents.script("impl-a", "implementer", h.agents.crash(), h.agents.timeout());
        h.agents.script("impl-b", "implementer", h.agents.authFailure());
        RunReport report = h.run(h.options().build());

        assertThat(h.agents.runs("WP01", "implementer").stream().map(r -> r.agent))
                .containsExactly("impl-a", "impl-a", "impl-b");
        assertThat(h.sleeps).containsExactly(Duration.ofSeconds(1));
        TransitionRequest blocked = h.host.transitions("WP01").get(0);
        assertThat(blocked.to()).isEqualTo(Lane.BLOCKED);
        assertThat(blocked.note()).get().asString().contains("exhausted").contains("auth");
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        WorkPackageReport wp = report.workPackage("WP01").orElseThrow();
        assertThat(wp.outcome()).isEqualTo(WorkPackageOutcome.BLOCKED);
        assertThat(wp.implementationAttempts()).isEqualTo(3);
        assertThat(wp.lastError()).isPresent();
        List<AttemptRecord> attempts = h.store.load().orElseThrow().workPackages().get("WP01").attempts();
        assertThat(attempts).extracting(a -> a.failure().orElse(null))
                .containsExactly(AgentFailure.CRASH, AgentFailure.TIMEOUT, AgentFailure.AUTH);
        assertThat(h.store.load().orElseThrow().workPackages().get("WP01").implementationAgentsTried())
                .containsExactly("impl-a", "impl-b");
    }

    @Test
    void anEmptyImplementationIsAFailureNotASuccess() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.agents.script("impl-a", "implementer", h.agents.doNothing());
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.agents.runs("WP01", "implementer")).hasSize(2);
        assertThat(h.store.load().orElseThrow().workPackages().get("WP01").attempts().get(0).outcome())
                .isEqualTo("no changes");
    }

    @Test
    void aRefusedHandOffBecomesFeedbackForTheRetry() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        int[] handoffs = {0};
        h.host.handoffGate = (wp, host) -> ++handoffs[0] > 1;
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.agents.runs("WP01", "implementer")).hasSize(2);
        assertThat(h.agents.runs("WP01", "implementer").get(1).prompt)
                .contains("The hand-off to review was refused by the host").contains("subtasks not complete");
    }

    @Test
    void aStallNamesEveryStuckWpWithItsLaneAndLastError() {
        Harness h = new Harness(root).diamond();
        h.agents.script("impl-a", "implementer", h.agents.missingBinary());
        h.agents.script("impl-b", "implementer", h.agents.missingBinary());
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.stuck()).extracting(StuckWorkPackage::wpId).containsExactly("WP01", "WP02", "WP03", "WP04");
        assertThat(report.stuck().get(0).lane()).isEqualTo("blocked");
        assertThat(report.stuck().get(0).lastError()).isPresent();
        assertThat(report.stuck().get(1).reason()).contains("waits on WP01 (blocked)");
        assertThat(report.failureReason()).get().asString().contains("stalled").contains("WP04(lane=planned");
        assertThat(h.events(EventType.STALLED)).hasSize(1);
        // the final confirmation re-read the host once, no polling loop
        assertThat(h.host.count("mission-state")).isEqualTo(2);
    }

    @Test
    void aLostTransitionAnswerIsVerifiedWithMissionStateAndNotResent() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.host.failAfterApplying("transition", "WP01",
                () -> new HostTimeoutException("transition", Duration.ofSeconds(30)));
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.host.transitions("WP01").stream().map(t -> t.to().wireValue()))
                .containsExactly("for_review", "done");
        assertThat(h.host.count("mission-state")).isEqualTo(2);
    }

    @Test
    void aTransitionThatFailedWithoutEnvelopeAndDidNotHappenIsRetried() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.host.failNext("transition", "WP01", () -> new NoEnvelopeException("transition", 1, "", "Traceback"));
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.host.transitions("WP01").stream().map(t -> t.to().wireValue()))
                .containsExactly("for_review", "for_review", "done");
    }

    @Test
    void theFirstClaimRaceIsRetriedAndOtherWpsWaitForTheFirstClaim() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.host.add("WP02", List.of(), "");
        h.host.add("WP03", List.of(), "");
        h.host.failNext("start-implementation", null, () -> FakeHost.hostError("LANE_ALLOCATION_FAILED",
                "Failed to create mission branch: a branch named 'kitty/mission-x' already exists", Map.of()));
        RunReport report = h.run(h.options().maxConcurrent(3).build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.host.maxMutationsDuringFirstClaim).isEqualTo(1);
        assertThat(h.host.count("start-implementation")).isEqualTo(4);
    }

    @Test
    void aWpClaimedByAnotherActorIsReportedNotStolen() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "").owner = "someone-else";
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.stuck()).singleElement().satisfies(s -> assertThat(s.reason()).contains("another actor"));
        assertThat(h.agents.runs).isEmpty();
    }

    @Test
    void zeroConcurrencyIsAConfigurationError() {
        Harness h = new Harness(root);
        assertThatThrownBy(() -> h.options().maxConcurrent(0).build())
                .isInstanceOf(EngineConfigurationException.class).hasMessageContaining("maxConcurrent");
        assertThatThrownBy(() -> h.options().putAgentConcurrency("impl-a", 0).build())
                .isInstanceOf(EngineConfigurationException.class).hasMessageContaining("impl-a");
        assertThatThrownBy(() -> h.options().implementationAgents(List.of()).build())
                .isInstanceOf(EngineConfigurationException.class);
    }

    @Test
    void perAgentLimitAndOneAgentPerLaneAreRespected() {
        Harness h = new Harness(root);
        for (String id : List.of("WP01", "WP02", "WP03", "WP04")) {
            h.host.add(id, List.of(), "");
        }
        RunReport report = h.run(h.options().maxConcurrent(4).putAgentConcurrency("impl-a", 1)
                .putAgentConcurrency("rev-a", 1).implementationAgents(List.of("impl-a")).build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.agents.twoInOneWorkspace).isFalse();
        long implConcurrentMax = h.agents.maxRunning;
        assertThat(implConcurrentMax).isLessThanOrEqualTo(2);
    }

    @Test
    void frontMatterAgentHintChoosesTheImplementer() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "agent: impl-b\nmodel: big-model\n");
        h.run(h.options().build());

        assertThat(h.agents.runs("WP01", "implementer").get(0).agent).isEqualTo("impl-b");
        // reviewer independence: impl-b implemented, rev-a reviews
        assertThat(h.agents.runs("WP01", "reviewer").get(0).agent).isEqualTo("rev-a");
    }

    @Test
    void acceptAndMergeRunAtTheEndAndARefusalIsReportedWithTheHostErrors() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.host.mergeRefusal = "Target branch 'main' does not exist locally or on origin.";
        RunReport report = h.run(h.options().accept(true).merge(true).mergeTarget("main")
                .approveTarget(ApproveTarget.APPROVED).build());

        assertThat(h.host.count("accept-mission")).isEqualTo(1);
        assertThat(report.finish()).get().satisfies(f -> {
            assertThat(f.accepted()).isTrue();
            assertThat(f.merged()).isFalse();
            assertThat(f.errorCode()).contains("PREFLIGHT_FAILED");
            assertThat(f.messages()).anyMatch(m -> m.contains("does not exist locally"));
        });
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(h.events(EventType.FINISH_REFUSED)).hasSize(1);
    }

    @Test
    void mergeSuccessMovesApprovedWpsToDone() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        RunReport report = h.run(h.options().merge(true).approveTarget(ApproveTarget.APPROVED).build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.workPackage("WP01").orElseThrow().outcome()).isEqualTo(WorkPackageOutcome.DONE);
        assertThat(h.host.transitions("WP01").get(1).to()).isEqualTo(Lane.APPROVED);
        assertThat(h.events(EventType.MISSION_MERGED)).hasSize(1);
    }

    @Test
    void eventsRenderAsJsonLines() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.run(h.options().build());
        List<String> lines = h.events.stream().map(OrchestrationEvent::toJsonLine).collect(Collectors.toList());
        assertThat(lines).allMatch(l -> l.startsWith("{\"type\":") && !l.contains("\n"));
        assertThat(lines.get(0)).contains("\"type\":\"run_started\"");
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"run_finished\"").contains("\"status\":\"completed\"");
    }
}
