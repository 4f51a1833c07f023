package dev.speckitty.orchestrator.core.spi;

/** Why an agent run failed; retry policies key on it. */
public enum AgentFailure {
    /** Killed at the timeout (or exit 124). */
    TIMEOUT,
    /** Authentication failed (e.g. exit 41, "not logged in", "invalid api key"). */
    AUTH,
    /** Rate or quota limit (e.g. exit 42, "rate limit", "429"). */
    RATE_LIMIT,
    /** Non-zero exit or a signal for another reason. */
    CRASH,
    /** Exited 0 but produced no usable output. */
    NO_OUTPUT,
    /** The executable is not installed. */
    MISSING_BINARY
}
