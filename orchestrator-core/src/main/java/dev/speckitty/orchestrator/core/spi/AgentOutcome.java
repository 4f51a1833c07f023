package dev.speckitty.orchestrator.core.spi;

import java.util.Optional;
import org.immutables.value.Value;

/** An adapter's reading of one run: success or the failure class, a one-line summary, and usage if reported. */
@Value.Immutable
public interface AgentOutcome {
    /**
     * Returns the failure class; empty when the run succeeded.
     *
     * @return the failure, if any
     */
    Optional<AgentFailure> failure();

    /**
     * Returns a short human summary (an error line, or the agent's final message).
     *
     * @return the summary, possibly empty
     */
    @Value.Default
    default String summary() {
        return "";
    }

    /**
     * Returns the usage figures, when the agent reported them.
     *
     * @return the usage, if any
     */
    Optional<AgentUsage> usage();

    /**
     * Tells whether the run succeeded.
     *
     * @return whether there is no failure
     */
    default boolean succeeded() {
        return failure().isEmpty();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentOutcome}. */
    final class Builder extends ImmutableAgentOutcome.Builder {}
}
