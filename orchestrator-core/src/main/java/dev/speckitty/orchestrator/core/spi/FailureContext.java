package dev.speckitty.orchestrator.core.spi;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Input of {@link RetryPolicy#decide(FailureContext)}. Exactly one cause is usually present: an agent failure class,
 * a host {@code error_code}, or a client-side host failure ({@link #hostOutcomeUnknown()}).
 */
@Value.Immutable
public interface FailureContext {
    /**
     * Returns the WP id.
     *
     * @return the WP
     */
    String wpId();

    /**
     * Returns where the failure happened.
     *
     * @return the phase
     */
    FailurePhase phase();

    /**
     * Returns the agent failure class, for agent runs.
     *
     * @return the failure, if an agent failed
     */
    Optional<AgentFailure> agentFailure();

    /**
     * Returns the host's {@code error_code} as sent (e.g. {@code LANE_ALLOCATION_FAILED}).
     *
     * @return the code, if the host answered with an error envelope
     */
    Optional<String> hostErrorCode();

    /**
     * Tells whether a host call ended without a trustworthy answer (timeout, no envelope): the engine has re-read
     * {@code mission-state} before asking, and the change did not happen.
     *
     * @return whether the host outcome was unknown
     */
    @Value.Default
    default boolean hostOutcomeUnknown() {
        return false;
    }

    /**
     * Tells whether the agent run succeeded but produced nothing to commit, or an unusable result.
     *
     * @return whether the output was empty
     */
    @Value.Default
    default boolean emptyResult() {
        return false;
    }

    /**
     * Returns the agent involved.
     *
     * @return the agent, if any
     */
    Optional<String> agent();

    /**
     * Returns how many times this step already failed with this agent (or, for host calls, in a row), including
     * this failure; at least 1.
     *
     * @return the failure count
     */
    @Value.Default
    default int failuresWithAgent() {
        return 1;
    }

    /**
     * Tells whether another agent of the role could be tried.
     *
     * @return whether a fallback exists
     */
    @Value.Default
    default boolean fallbackAvailable() {
        return false;
    }

    /**
     * Returns the failure message (one line, no secrets).
     *
     * @return the message
     */
    @Value.Default
    default String message() {
        return "";
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link FailureContext}. */
    final class Builder extends ImmutableFailureContext.Builder {}
}
