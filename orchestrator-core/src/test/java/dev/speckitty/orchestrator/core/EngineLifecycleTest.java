package dev.speckitty.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.core.fakes.FakeHost;
import dev.speckitty.orchestrator.core.fakes.Harness;
import dev.speckitty.orchestrator.core.state.RunState;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineLifecycleTest {
    @TempDir
    Path root;

    @Test
    void diamondHappyPathUsesFourMutationsPerWpAndFinishesEverything() {
        Harness h = new Harness(root).diamond();
        RunReport report = h.run(h.options().maxConcurrent(2).build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.stuck()).isEmpty();
        assertThat(h.host.wps.values()).allMatch(w -> w.lane == Lane.DONE);
        for (String wp : List.of("WP01", "WP02", "WP03", "WP04")) {
            assertThat(h.host.callsFor(wp).stream().map(c -> c.toString()).collect(Collectors.toList()))
                    .as("host calls of %s", wp)
                    .containsExactly("start-implementation " + wp, "transition " + wp + " -> for_review",
                            "start-review " + wp, "transition " + wp + " -> done");
            assertThat(report.workPackage(wp).orElseThrow().hostCalls())
                    .containsEntry("start-implementation", 1).containsEntry("transition", 2)
                    .containsEntry("start-review", 1);
            assertThat(report.workPackage(wp).orElseThrow().outcome()).isEqualTo(WorkPackageOutcome.DONE);
        }
        // one mission-state at start; list-ready only after unlocking events
        assertThat(h.host.count("mission-state")).isEqualTo(1);
        assertThat(h.host.count("list-ready")).isBetween(1L, 2L);
        assertThat(h.host.count("append-history")).isZero();
        assertThat(h.host.maxMutationsDuringFirstClaim).isEqualTo(1);
        assertThat(h.agents.maxRunning).isLessThanOrEqualTo(2);
        assertThat(h.agents.twoInOneWorkspace).isFalse();
        assertThat(report.totalHostCalls()).isEqualTo(16 + h.host.count("mission-state") + h.host.count("list-ready"));
        assertThat(report.usage().costUsd()).hasValue(0.04);
    }

    @Test
    void doneTransitionCarriesReviewResultAndEvidenceAndImplementationPromptHasProtocol() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.run(h.options().build());

        TransitionRequest done = h.host.transitions("WP01").get(1);
        assertThat(done.to()).isEqualTo(Lane.DONE);
        assertThat(done.reviewResult()).get().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(ReviewVerdict.APPROVED);
            assertThat(r.reviewer()).isEqualTo("rev-a");
            assertThat(done.reviewRef()).contains(r.reference());
        });
        assertThat(done.evidence()).get().satisfies(e -> {
            assertThat(e.review().reviewer()).isEqualTo("rev-a");
            assertThat(e.repos()).singleElement().satisfies(r -> assertThat(r.branch()).isEqualTo("kitty/WP01"));
        });
        String prompt = h.agents.runs("WP01", "implementer").get(0).prompt;
        assertThat(prompt).contains("spec-kitty agent tasks mark-status T011 --status done --mission " + FakeHost.MISSION)
                .contains("Orchestrator guardrails").contains("Do the thing for WP01");
        Map<String, String> env = h.agents.runs("WP01", "implementer").get(0).env;
        assertThat(env).containsEntry("SPEC_KITTY_WP_ID", "WP01").containsEntry("SPEC_KITTY_ROLE", "implementer")
                .containsEntry("SPEC_KITTY_ATTEMPT", "1").containsEntry("SPEC_KITTY_MISSION", FakeHost.MISSION)
                .containsKeys("SPEC_KITTY_WORKSPACE", "SPEC_KITTY_PROMPT_FILE", "SPEC_KITTY_VERDICT_FILE",
                        "SPEC_KITTY_REPO_ROOT");
        String reviewPrompt = h.agents.runs("WP01", "reviewer").get(0).prompt;
        assertThat(reviewPrompt).contains("read-only").contains("SPEC_KITTY_VERDICT_FILE").contains("VERDICT: APPROVED");
        // the reviewer's stray edit was discarded and reported, never committed
        assertThat(h.events(EventType.REVIEWER_EDITS_DISCARDED)).hasSize(1);
        assertThat(h.git.commits(h.host.wps.get("WP01").workspace)).hasSize(1);
        assertThat(h.git.messages(h.host.wps.get("WP01").workspace).get(0)).contains("WP01").contains("impl-a")
                .contains("attempt 1");
    }

    @Test
    void rejectedReviewGoesBackToInProgressWithFeedbackAndIsReworked() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.agents.script("rev-a", "reviewer", h.agents.requestChanges("Add tests for the greeter."));
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        List<TransitionRequest> ts = h.host.transitions("WP01");
        assertThat(ts.stream().map(t -> t.to().wireValue()))
                .containsExactly("for_review", "in_progress", "for_review", "done");
        TransitionRequest back = ts.get(1);
        assertThat(back.reviewResult()).get().satisfies(r ->
                assertThat(r.verdict()).isEqualTo(ReviewVerdict.CHANGES_REQUESTED));
        assertThat(back.note()).get().asString().contains("Add tests");
        String rework = h.agents.runs("WP01", "implementer").get(1).prompt;
        assertThat(rework).contains("Review Feedback").contains("Add tests for the greeter.");
        assertThat(report.workPackage("WP01").orElseThrow().reviewCycles()).isEqualTo(2);
        RunState state = h.store.load().orElseThrow();
        assertThat(state.workPackages().get("WP01").reviews()).extracting(r -> r.verdict())
                .containsExactly("changes_requested", "approved");
    }

    @Test
    void reviewCycleLimitBlocksWithAReviewResult() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.agents.script("rev-a", "reviewer", h.agents.requestChanges("no"), h.agents.requestChanges("still no"));
        RunReport report = h.run(h.options().maxReviewCycles(2).build());

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        TransitionRequest last = h.host.transitions("WP01").get(h.host.transitions("WP01").size() - 1);
        assertThat(last.to()).isEqualTo(Lane.BLOCKED);
        assertThat(last.reviewResult()).get().satisfies(r ->
                assertThat(r.verdict()).isEqualTo(ReviewVerdict.CHANGES_REQUESTED));
        assertThat(last.note()).get().asString().contains("review cycle limit (2)");
        assertThat(report.stuck()).singleElement().satisfies(s -> assertThat(s.lane()).isEqualTo("blocked"));
    }

    @Test
    void crashingReviewerIsNotARejectionAndFallsBackToTheNextReviewer() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.agents.script("rev-a", "reviewer", h.agents.crash(), h.agents.crash());
        RunReport report = h.run(h.options().build());

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(h.host.transitions("WP01").stream().map(t -> t.to().wireValue()))
                .containsExactly("for_review", "done");
        assertThat(h.agents.runs("WP01", "reviewer").stream().map(r -> r.agent))
                .containsExactly("rev-a", "rev-a", "rev-b");
        assertThat(h.host.transitions("WP01").get(1).reviewResult().orElseThrow().reviewer()).isEqualTo("rev-b");
        assertThat(h.agents.runs("WP01", "implementer")).hasSize(1);
        assertThat(h.events(EventType.AGENT_FALLBACK)).hasSize(1);
    }

    @Test
    void reviewerWithoutVerdictEverywhereBlocksOrLeavesButNeverApproves() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.agents.script("rev-a", "reviewer", h.agents.stdoutVerdict("I looked."), h.agents.stdoutVerdict("hmm"));
        h.agents.script("rev-b", "reviewer", h.agents.authFailure());
        RunReport report = h.run(h.options().maxAttemptsPerAgent(2).build());

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        TransitionRequest last = h.host.transitions("WP01").get(1);
        assertThat(last.to()).isEqualTo(Lane.BLOCKED);
        assertThat(last.reviewResult()).isPresent();
        assertThat(last.note()).get().asString().contains("review could not be done");
    }

    @Test
    void reviewerFailureCanLeaveTheWpInReviewForALaterRun() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        h.agents.script("rev-a", "reviewer", h.agents.timeout(), h.agents.timeout());
        h.agents.script("rev-b", "reviewer", h.agents.missingBinary());
        RunReport report = h.run(h.options().reviewerFailureAction(ReviewerFailureAction.LEAVE_FOR_LATER).build());

        assertThat(h.host.wps.get("WP01").lane).isEqualTo(Lane.IN_REVIEW);
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.stuck()).singleElement().satisfies(s -> {
            assertThat(s.lane()).isEqualTo("in_review");
            assertThat(s.reason()).contains("review not done");
        });
        assertThat(h.store.load().orElseThrow().workPackages().get("WP01").openReviewRef()).isPresent();
    }
}
