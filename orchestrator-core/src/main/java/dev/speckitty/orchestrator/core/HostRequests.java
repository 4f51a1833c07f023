package dev.speckitty.orchestrator.core;

import static dev.speckitty.orchestrator.core.Texts.oneLine;
import static dev.speckitty.orchestrator.core.Texts.truncate;

import dev.speckitty.orchestrator.client.model.DoneEvidence;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.ReviewResult;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.core.state.ReviewRecord;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the engine sends to the host for a WP: every mutating request with its target, note (the WP's pending notes
 * folded in), policy (with the agent that actually runs as {@code agent_family}), review reference, review result and
 * evidence. When to send them is the run's business; this class only builds them. Coordinator thread only.
 */
final class HostRequests {
    private final EngineOptions opt;
    private final String mission;
    private final Map<String, PolicyMetadata> policyByAgent = new HashMap<>();

    HostRequests(EngineOptions opt, String mission) {
        this.opt = opt;
        this.mission = mission;
    }

    /** The policy with {@code agent} as its agent family; built and validated once per family (it is immutable). */
    PolicyMetadata policyFor(String agent) {
        return policyByAgent.computeIfAbsent(agent, a -> {
            try {
                return PolicyMetadata.builder().from(opt.policy()).agentFamily(a).build();
            } catch (RuntimeException e) {
                return opt.policy();
            }
        });
    }

    /** A transition note: {@code head}, then the WP's pending notes (history folded into the call made anyway). */
    static String note(String head, WpRun wp) {
        if (wp.notes.isEmpty()) {
            return head;
        }
        return head + " | " + String.join(" | ", wp.notes);
    }

    StartImplementationRequest claim(WpRun wp) {
        return StartImplementationRequest.builder().mission(mission).wp(wp.id).actor(opt.actor())
                .policy(opt.policy()).build();
    }

    TransitionRequest handoff(WpRun wp, String agent) {
        return TransitionRequest.builder().mission(mission).wp(wp.id).to(Lane.FOR_REVIEW).actor(opt.actor())
                .note(note("Ready for review", wp)).policy(policyFor(agent)).build();
    }

    /** Our own interrupted review back to for_review: forced, with the reason; no review result (see the run). */
    TransitionRequest requeue(WpRun wp, String agent, String oldRef) {
        String note = "Review " + oldRef + " re-queued: the reviewer was interrupted when the orchestrator stopped;"
                + " re-queued for review";
        return TransitionRequest.builder().mission(mission).wp(wp.id).to(Lane.FOR_REVIEW).actor(opt.actor())
                .force(true).note(note).policy(policyFor(agent)).build();
    }

    /** A new review reference for the next cycle, unless a claim of ours is still open. */
    static String reviewRef(WpRun wp) {
        return wp.openReviewRef.orElseGet(() -> "review-" + wp.id + "-cycle" + (wp.cycle + 1) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
    }

    StartReviewRequest reviewClaim(WpRun wp, String agent, String ref) {
        return StartReviewRequest.builder().mission(mission).wp(wp.id).actor(opt.actor()).policy(policyFor(agent))
                .reviewRef(ref).build();
    }

    /**
     * The move after a verdict: to {@code target} with the structured review result; an approval carries the done
     * evidence (the lane branch and commit when known), a rejection the feedback's first line in the note.
     */
    TransitionRequest decision(WpRun wp, Lane target) {
        ReviewVerdict verdict = wp.verdict.verdict().orElseThrow();
        String ref = wp.openReviewRef.orElseGet(() -> "review-" + wp.id + "-cycle" + wp.cycle);
        ReviewResult rr = ReviewResult.builder().reviewer(wp.reviewer).verdict(verdict).reference(ref)
                .feedbackPath(wp.verdictFeedbackPath).build();
        TransitionRequest.Builder b = TransitionRequest.builder().mission(mission).wp(wp.id).actor(opt.actor())
                .reviewRef(ref).reviewResult(rr).to(target);
        if (verdict == ReviewVerdict.APPROVED) {
            DoneEvidence.Builder ev = DoneEvidence.builder()
                    .review(DoneEvidence.Review.of(wp.reviewer, ReviewVerdict.APPROVED, ref));
            if (wp.laneBranch.isPresent() && wp.lastCommit.isPresent()) {
                ev.addRepo(DoneEvidence.Repo.of(repoName(), wp.laneBranch.get(), wp.lastCommit.get(),
                        wp.filesTouched));
            }
            b.evidence(ev.build()).policy(policyFor(wp.reviewer))
                    .note(note("Review approved by '" + wp.reviewer + "' (cycle " + wp.cycle + ")", wp));
        } else {
            b.policy(policyFor(wp.implementer != null ? wp.implementer : wp.reviewer))
                    .note(note("Changes requested by '" + wp.reviewer + "' (cycle " + wp.cycle + "): "
                            + oneLine(wp.verdict.feedback(), 200), wp));
        }
        return b.build();
    }

    /** An approved WP completed to done, with the evidence of the last approval recorded in the run state. */
    TransitionRequest completeApproved(WpRun wp) {
        Optional<ReviewRecord> approval = wp.reviews.stream()
                .filter(r -> r.verdict().equals(ReviewVerdict.APPROVED.wireValue())).reduce((a, b) -> b);
        String reviewer = approval.map(ReviewRecord::reviewer).orElse(opt.actor());
        String ref = approval.map(ReviewRecord::reference).filter(s -> !s.isBlank())
                .orElse("approved-" + wp.id + "-host-approval");
        return TransitionRequest.builder().mission(mission).wp(wp.id).to(Lane.DONE)
                .actor(opt.actor()).evidence(DoneEvidence.ofReview(reviewer, ReviewVerdict.APPROVED, ref))
                .note("Approved work package completed (approve target: done)").build();
    }

    /** The move to blocked with the reason; from in_review with a review result, which every exit needs (6.3). */
    TransitionRequest block(WpRun wp) {
        TransitionRequest.Builder b = TransitionRequest.builder().mission(mission).wp(wp.id).to(Lane.BLOCKED)
                .actor(opt.actor()).note(truncate(note("Blocked by the orchestrator: " + wp.blockReason, wp), 2000));
        if (wp.lane == Lane.IN_REVIEW) {
            String ref = wp.openReviewRef.orElseGet(() -> "review-" + wp.id + "-blocked-"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
            b.reviewRef(ref).reviewResult(ReviewResult.builder()
                    .reviewer(wp.reviewer != null ? wp.reviewer : opt.actor())
                    .verdict(ReviewVerdict.CHANGES_REQUESTED).reference(ref)
                    .feedbackPath(wp.verdictFeedbackPath).build());
        }
        return b.build();
    }

    private String repoName() {
        Path name = opt.projectRoot().toAbsolutePath().normalize().getFileName();
        return name == null ? "repository" : name.toString();
    }
}
