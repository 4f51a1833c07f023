package dev.speckitty.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.core.fakes.FakeHost;
import dev.speckitty.orchestrator.core.fakes.Harness;
import dev.speckitty.orchestrator.core.state.ReviewRecord;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.core.state.WorkPackageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineResumeTest {
    @TempDir
    Path root;

    @Test
    void resumeAdoptsEveryWpByItsHostLane() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "").lane = Lane.IN_REVIEW;
        h.host.add("WP02", List.of(), "").lane = Lane.FOR_REVIEW;
        h.host.add("WP03", List.of(), "").lane = Lane.APPROVED;
        FakeHost.Wp wp4 = h.host.add("WP04", List.of(), "");
        wp4.lane = Lane.IN_PROGRESS;
        wp4.owner = "spec-kitty-orchestrator";
        h.host.add("WP05", List.of(), "").lane = Lane.IN_REVIEW;
        h.store.save(RunState.builder().runId("run-1").mission(FakeHost.MISSION).status(RunStatus.INTERRUPTED)
                .startedAt(Instant.parse("2026-01-01T00:00:00Z")).putLaunchOption("max_concurrent", 2)
                .putWorkPackage("WP01", WorkPackageRecord.builder().wpId("WP01").openReviewRef("review-WP01-c1-abc")
                        .build())
                .putWorkPackage("WP03", WorkPackageRecord.builder().wpId("WP03").addReview(ReviewRecord.builder()
                        .cycle(1).reviewer("rev-b").verdict("approved").reference("review-WP03-c1")
                        .recordedAt(Instant.parse("2026-01-01T00:00:00Z")).build()).build())
                .build());

        RunReport report = h.run(h.options().build(),
                RunRequest.builder().mission(FakeHost.MISSION).resume(true).build(), b -> {});

        assertThat(report.runId()).isEqualTo("run-1");
        // our own interrupted review: forced back to for_review with a note, then reviewed afresh under a new ref
        assertThat(calls(h, "WP01")).containsExactly("transition WP01 -> for_review", "resolve-workspace WP01",
                "start-review WP01", "transition WP01 -> done");
        TransitionRequest requeue = h.host.transitions("WP01").get(0);
        assertThat(requeue.force()).isTrue();
        assertThat(requeue.note()).get().asString().contains("review-WP01-c1-abc")
                .contains("reviewer was interrupted when the orchestrator stopped").contains("re-queued for review");
        assertThat(requeue.policy()).isPresent();
        assertThat(requeue.reviewResult()).as("a forced move needs none; hosts < 1.3.0 refuse one").isEmpty();
        assertThat(h.host.callsFor("WP01").get(2).reviewRef).isNotNull().isNotEqualTo("review-WP01-c1-abc");
        assertThat(h.host.transitions("WP01").get(1).reviewRef()).isEqualTo(
                java.util.Optional.of(h.host.callsFor("WP01").get(2).reviewRef));
        assertThat(calls(h, "WP02")).containsExactly("resolve-workspace WP02", "start-review WP02",
                "transition WP02 -> done");
        assertThat(calls(h, "WP03")).containsExactly("transition WP03 -> done");
        TransitionRequest done3 = h.host.transitions("WP03").get(0);
        assertThat(done3.evidence().orElseThrow().review().reviewer()).isEqualTo("rev-b");
        assertThat(calls(h, "WP04")).containsExactly("start-implementation WP04", "transition WP04 -> for_review",
                "start-review WP04", "transition WP04 -> done");
        // WP05 is in review by someone else: never touched, reported
        assertThat(calls(h, "WP05")).isEmpty();
        assertThat(report.stuck()).singleElement().satisfies(s -> {
            assertThat(s.wpId()).isEqualTo("WP05");
            assertThat(s.reason()).contains("another reviewer").contains("left alone");
        });
        assertThat(h.events(EventType.WP_LEFT)).anySatisfy(e -> {
            assertThat(e.wpId()).contains("WP05");
            assertThat(e.message()).contains("no review claim of this orchestrator");
        });
        assertThat(h.store.load().orElseThrow().launchOptions()).containsEntry("max_concurrent", 2);
    }

    @Test
    void gracefulStopInterruptsAgentsSavesStateAndALaterResumeFinishes() throws Exception {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        CountDownLatch started = new CountDownLatch(1);
        h.agents.script("impl-a", "implementer", h.agents.hang(started));
        Thread stopper = new Thread(() -> {
            try {
                started.await();
                h.engine.requestStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        RunReport first = h.run(h.options().build(), RunRequest.builder().mission(FakeHost.MISSION)
                .putLaunchOption("impl", "impl-a").build(), b -> {});
        stopper.join();

        assertThat(first.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(started.getCount()).isZero();
        assertThat(h.host.wps.get("WP01").lane).isEqualTo(Lane.IN_PROGRESS);
        RunState saved = h.store.load().orElseThrow();
        assertThat(saved.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(saved.endedAt()).isPresent();
        assertThat(saved.workPackages().get("WP01").attempts()).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo("interrupted"));

        RunReport second = h.run(h.options().build(),
                RunRequest.builder().mission(FakeHost.MISSION).resume(true).build(), b -> {});
        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(h.agents.runs("WP01", "implementer").get(1).attempt).isEqualTo(2);
        assertThat(h.store.load().orElseThrow().launchOptions()).containsEntry("impl", "impl-a");
    }

    @Test
    void aStopRequestedJustAsAnAgentStartsNeverHangsTheRun() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        RunReport report = h.run(h.options().build(), RunRequest.of(FakeHost.MISSION), b -> b.addListener(e -> {
            if (e.type() == EventType.AGENT_STARTED) {
                h.engine.stopNow();
            }
        }));

        assertThat(report.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(h.host.wps.get("WP01").lane).isEqualTo(Lane.IN_PROGRESS);
        assertThat(h.events(EventType.STOP_REQUESTED)).hasSize(1);
    }

    @Test
    void dryRunMakesNoMutationAndReportsThePlan() {
        Harness h = new Harness(root).diamond();
        RunReport report = h.run(h.options().dryRun(true).build());

        assertThat(report.dryRun()).isTrue();
        assertThat(h.host.calls.stream().map(c -> c.command).collect(Collectors.toSet()))
                .containsExactly("mission-state");
        assertThat(h.agents.runs).isEmpty();
        assertThat(h.store.load()).isEmpty();
        assertThat(h.events(EventType.PLAN)).anySatisfy(e ->
                assertThat(e.fields()).containsEntry("order", "WP01"));
    }

    @Test
    void approvedTargetLeavesWpsApprovedAndUnlocksDependents() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.host.add("WP02", List.of("WP01"), "");
        RunReport report = h.run(h.options().approveTarget(ApproveTarget.APPROVED).build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.host.wps.values()).allMatch(w -> w.lane == Lane.APPROVED);
        assertThat(h.host.count("list-ready")).isEqualTo(1);
    }

    private static List<String> calls(Harness h, String wp) {
        return h.host.callsFor(wp).stream().map(Object::toString).collect(Collectors.toList());
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> none() {
        return Map.of();
    }
}
