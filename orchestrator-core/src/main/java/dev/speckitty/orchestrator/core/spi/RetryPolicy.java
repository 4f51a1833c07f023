package dev.speckitty.orchestrator.core.spi;

/**
 * Decides what a failure leads to: retry after a delay, fall back to the next agent, block the WP, or leave it for
 * a later run. Keyed on the host's {@code error_code} or the agent failure class. Called on the coordinator thread:
 * fast, thread-safe, never throws, never returns null.
 */
@FunctionalInterface
public interface RetryPolicy {
    /**
     * Decides.
     *
     * @param failure what failed and how often it already failed
     * @return the decision
     */
    RetryDecision decide(FailureContext failure);
}
