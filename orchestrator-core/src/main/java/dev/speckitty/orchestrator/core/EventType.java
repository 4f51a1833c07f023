package dev.speckitty.orchestrator.core;

/** The kinds of {@link OrchestrationEvent}. New kinds may be added in minor versions: treat unknown ones gracefully. */
public enum EventType {
    /** The run started (fields: {@code resumed}). */
    RUN_STARTED,
    /** The engine read the mission and adopted its WPs (fields: {@code wps}, {@code ready}). */
    MISSION_LOADED,
    /** A dry run's plan (fields: {@code ready}, {@code order}, {@code implementer}, {@code reviewer}). */
    PLAN,
    /** A WP was claimed for implementation or its workspace resolved (fields: {@code workspace}, {@code no_op}). */
    WP_CLAIMED,
    /** A WP's lane changed through one of our host calls or a reconcile (fields: {@code from}, {@code to}). */
    LANE_CHANGED,
    /** An agent run started (fields: {@code log}). */
    AGENT_STARTED,
    /** An agent run ended (fields: {@code exit_code}, {@code failure}, {@code duration_ms}, usage). */
    AGENT_FINISHED,
    /** The implementation was committed on the lane branch (fields: {@code commit}). */
    COMMITTED,
    /** A reviewer gave a verdict (fields: {@code verdict}, {@code source}, {@code cycle}). */
    REVIEW_VERDICT,
    /** Reviewer edits were discarded from the workspace (fields: {@code paths}). */
    REVIEWER_EDITS_DISCARDED,
    /** A failed step will be retried (fields: {@code delay_ms}, {@code reason}). */
    RETRY_SCHEDULED,
    /** The engine gave up on an agent and falls back to the next one (fields: {@code next}). */
    AGENT_FALLBACK,
    /** A WP was moved to blocked (fields: {@code reason}). */
    WP_BLOCKED,
    /** A WP was left for a later run without a lane change (fields: {@code reason}). */
    WP_LEFT,
    /** A WP reached its target lane (done or approved). */
    WP_COMPLETED,
    /** A host call failed (fields: {@code command}, {@code error_code}). */
    HOST_CALL_FAILED,
    /** The engine re-read {@code mission-state} (fields: {@code changes}). */
    RECONCILED,
    /** Nothing can progress although some WPs are not finished (fields: {@code stuck}). */
    STALLED,
    /** {@code accept-mission} succeeded. */
    MISSION_ACCEPTED,
    /** {@code merge-mission} succeeded (fields: {@code target}, {@code strategy}). */
    MISSION_MERGED,
    /** {@code accept-mission} or {@code merge-mission} was refused (fields: {@code error_code}, {@code errors}). */
    FINISH_REFUSED,
    /** A stop was requested (fields: {@code immediate}). */
    STOP_REQUESTED,
    /** Something worth a warning that changes nothing (fields vary). */
    WARNING,
    /** The run ended (fields: {@code status}). */
    RUN_FINISHED
}
