package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.internal.FrontMatter;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import dev.speckitty.orchestrator.core.spi.ParsedVerdict;
import dev.speckitty.orchestrator.core.state.AttemptRecord;
import dev.speckitty.orchestrator.core.state.ReviewRecord;
import dev.speckitty.orchestrator.core.state.WorkPackageRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mutable per-WP state of one run. Touched only on the coordinator thread. */
final class WpRun {
    /** What the WP needs next (or why it needs nothing). */
    enum Step {
        WAIT_DEPS, READY, CLAIM, RESOLVE, IMPLEMENT, HANDOFF, REQUEUE_REVIEW, REVIEW_CLAIM, REVIEW, DECIDE, BLOCK,
        COMPLETE_APPROVED, FINISHED, BLOCKED, LEFT, FOREIGN;

        boolean idle() {
            return this == FINISHED || this == BLOCKED || this == LEFT || this == FOREIGN || this == WAIT_DEPS;
        }

        boolean active() {
            return !idle() && this != READY;
        }
    }

    final String id;
    final List<String> dependencies;
    Lane lane;
    /** Read freely; write only through {@link #setStep}, which keeps the run's {@link StepIndex} in sync. */
    Step step = Step.WAIT_DEPS;
    private StepIndex index;
    int ordinal;
    boolean inFlight;
    boolean waiting;
    String reason = "";

    Path workspace;
    Path promptPath;
    Optional<String> laneId = Optional.empty();
    Optional<String> laneBranch = Optional.empty();
    Optional<String> laneBaseRef = Optional.empty();
    String promptText;
    FrontMatter frontMatter = FrontMatter.parse("");
    Step afterResolve = Step.REVIEW_CLAIM;
    boolean continueToHandoff;
    /** Set on resume when the run state recorded a commit: compare it with the workspace HEAD once claimed. */
    boolean checkHeadOnClaim;

    String implementer;
    String reviewer;
    final Map<String, Integer> implFailures = new HashMap<>();
    final Map<String, Integer> reviewFailures = new HashMap<>();
    int hostFailures;
    final List<String> implTried = new ArrayList<>();
    final List<String> reviewTried = new ArrayList<>();
    int implAttempts;
    int reviewAttempts;
    int cycle;
    final List<ReviewRecord> reviews = new ArrayList<>();
    final List<AttemptRecord> attempts = new ArrayList<>();
    Optional<String> pendingFeedback = Optional.empty();
    Optional<String> openReviewRef = Optional.empty();
    ParsedVerdict verdict;
    Optional<String> verdictFeedbackPath = Optional.empty();
    List<String> filesTouched = List.of();
    String blockReason = "";
    Optional<String> headBeforeFirstImpl = Optional.empty();
    Optional<String> lastCommit = Optional.empty();
    Optional<String> lastError = Optional.empty();
    Optional<String> quarantine = Optional.empty();
    final List<String> notes = new ArrayList<>();

    AgentUsage usage = AgentUsage.builder().build();
    Duration agentTime = Duration.ZERO;
    Instant firstStep;
    Instant lastStep;
    int implAttemptsThisRun;
    int reviewAttemptsThisRun;

    WpRun(String id, List<String> dependencies, Lane lane) {
        this.id = id;
        this.dependencies = List.copyOf(dependencies);
        this.lane = lane;
    }

    void restore(WorkPackageRecord r) {
        attempts.addAll(r.attempts());
        reviews.addAll(r.reviews());
        implTried.addAll(r.implementationAgentsTried());
        reviewTried.addAll(r.reviewAgentsTried());
        openReviewRef = r.openReviewRef();
        lastCommit = r.lastCommit();
        lastError = r.lastError();
        quarantine = r.quarantine();
        for (AttemptRecord a : r.attempts()) {
            if (a.role() == AgentRole.IMPLEMENTER) {
                implAttempts = Math.max(implAttempts, a.attempt());
                implementer = a.agent();
            } else {
                reviewAttempts = Math.max(reviewAttempts, a.attempt());
            }
        }
        cycle = r.reviews().size();
    }

    // Snapshot behind record(): the persisted lists are append-only and the persisted optionals are replaced, never
    // mutated, so sizes and identities tell whether the record must be rebuilt.
    private WorkPackageRecord savedRecord;
    private int savedSizes = -1;
    private Optional<String> savedReviewRef;
    private Optional<String> savedCommit;
    private Optional<String> savedError;
    private Optional<String> savedQuarantine;

    /** Whether {@link #record()} would differ from what it last returned (or it was never called). */
    boolean recordChanged() {
        return savedRecord == null || savedSizes != sizes() || savedReviewRef != openReviewRef
                || savedCommit != lastCommit || savedError != lastError || savedQuarantine != quarantine;
    }

    /** The run-state record of this WP, rebuilt only when a persisted field changed since the last call. */
    WorkPackageRecord record() {
        if (recordChanged()) {
            savedRecord = toRecord();
            savedSizes = sizes();
            savedReviewRef = openReviewRef;
            savedCommit = lastCommit;
            savedError = lastError;
            savedQuarantine = quarantine;
        }
        return savedRecord;
    }

    private int sizes() {
        // The lists only grow, so their total size changes whenever any of them does.
        return attempts.size() + reviews.size() + implTried.size() + reviewTried.size();
    }

    /** Joins the run's index (once, right after construction) at position {@code ordinal} of the host order. */
    void indexIn(StepIndex index, int ordinal) {
        this.index = index;
        this.ordinal = ordinal;
        index.add(this);
    }

    void setStep(Step next) {
        if (next == step) {
            return;
        }
        if (index != null) {
            index.remove(this);
        }
        step = next;
        if (index != null) {
            index.add(this);
        }
    }

    WorkPackageRecord toRecord() {
        return WorkPackageRecord.builder()
                .wpId(id)
                .attempts(attempts)
                .reviews(reviews)
                .implementationAgentsTried(implTried)
                .reviewAgentsTried(reviewTried)
                .openReviewRef(openReviewRef)
                .lastCommit(lastCommit)
                .lastError(lastError)
                .quarantine(quarantine)
                .build();
    }

    String laneKey() {
        return laneId.orElse(workspace != null ? workspace.toString() : id);
    }

    void touch(Instant now) {
        if (firstStep == null) {
            firstStep = now;
        }
        lastStep = now;
    }
}
