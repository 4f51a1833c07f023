package dev.speckitty.orchestrator.core;

/** How a WP ended up at the end of a run. */
public enum WorkPackageOutcome {
    /** In {@code done}. */
    DONE,
    /** In {@code approved} (integration pending). */
    APPROVED,
    /** Moved to (or found in) {@code blocked}. */
    BLOCKED,
    /** {@code canceled}. */
    CANCELED,
    /** Not finished: left for a later run, owned by someone else, waiting on a blocked dependency, or interrupted. */
    INCOMPLETE
}
