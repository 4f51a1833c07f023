package dev.speckitty.orchestrator.core.spi;

import java.time.Duration;
import org.immutables.value.Value;

/** What to do after a failure. */
@Value.Immutable
public interface RetryDecision {
    /** The possible actions. */
    enum Action {
        /** Run the same step again (same agent) after {@link #delay()}. */
        RETRY,
        /** Give up on this agent and try the next agent of the role (after {@link #delay()}). */
        FALLBACK,
        /** Move the WP to {@code blocked}, with {@link #reason()} in the transition note. */
        BLOCK,
        /** Change nothing on the host; report the WP as left for a later run. */
        LEAVE
    }

    /**
     * Returns the action.
     *
     * @return the action
     */
    Action action();

    /**
     * Returns how long to wait before the next try (RETRY and FALLBACK only).
     *
     * @return the delay
     */
    @Value.Default
    default Duration delay() {
        return Duration.ZERO;
    }

    /**
     * Returns the reason, for logs, events and the blocked note.
     *
     * @return the reason
     */
    @Value.Default
    default String reason() {
        return "";
    }

    /**
     * Creates a retry decision.
     *
     * @param delay the delay
     * @param reason the reason
     * @return the decision
     */
    static RetryDecision retry(Duration delay, String reason) {
        return builder().action(Action.RETRY).delay(delay).reason(reason).build();
    }

    /**
     * Creates a fallback decision.
     *
     * @param reason the reason
     * @return the decision
     */
    static RetryDecision fallback(String reason) {
        return builder().action(Action.FALLBACK).reason(reason).build();
    }

    /**
     * Creates a block decision.
     *
     * @param reason the reason
     * @return the decision
     */
    static RetryDecision block(String reason) {
        return builder().action(Action.BLOCK).reason(reason).build();
    }

    /**
     * Creates a leave decision.
     *
     * @param reason the reason
     * @return the decision
     */
    static RetryDecision leave(String reason) {
        return builder().action(Action.LEAVE).reason(reason).build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RetryDecision}. */
    final class Builder extends ImmutableRetryDecision.Builder {}
}
