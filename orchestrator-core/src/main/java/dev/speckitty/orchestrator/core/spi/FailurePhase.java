package dev.speckitty.orchestrator.core.spi;

/** The step of a WP's lifecycle in which a failure happened. */
public enum FailurePhase {
    /** {@code start-implementation} or {@code resolve-workspace}. */
    CLAIM,
    /** The implementation (or rework) agent run, its workspace check or its commit. */
    IMPLEMENTATION,
    /** {@code transition --to for_review} (rejections carry the host's reason as feedback). */
    HANDOFF,
    /** {@code start-review}. */
    REVIEW_CLAIM,
    /** The review agent run or its verdict. */
    REVIEW,
    /** A transition out of {@code in_review} (approve, request changes, block). */
    DECISION,
    /** {@code accept-mission} or {@code merge-mission}. */
    FINISH
}
