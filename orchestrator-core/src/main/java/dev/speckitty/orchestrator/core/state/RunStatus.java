package dev.speckitty.orchestrator.core.state;

/** The status of one orchestration run. */
public enum RunStatus {
    /** The run is in progress (or the process died without recording an end). */
    RUNNING,
    /** Every WP reached its target lane (and accept/merge succeeded when asked). */
    COMPLETED,
    /** The run ended with WPs blocked, stalled or a finish step refused. */
    FAILED,
    /** A graceful or immediate stop was requested; in-flight work was interrupted and can be resumed. */
    INTERRUPTED,
    /** The operator aborted the run (recorded by {@code abort}); it will not be resumed. */
    ABORTED
}
