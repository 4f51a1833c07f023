package dev.speckitty.orchestrator.core;

/**
 * What the engine does when every configured reviewer failed to give a verdict (crash, timeout, auth, rate limit,
 * no verdict). A reviewer failure is never a rejection and never an approval.
 */
public enum ReviewerFailureAction {
    /** Move the WP to {@code blocked} with a {@code changes_requested} review result and the reason in the note. */
    BLOCK,
    /** Leave the WP in {@code in_review} for a later run (reported as incomplete; our claim is kept in run state). */
    LEAVE_FOR_LATER
}
