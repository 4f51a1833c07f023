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
     * Returns the agent's final answer text when the adapter could extract it from structured output (for example the
     * {@code result} field of Claude Code's JSON, or Codex's last {@code agent_message}). Review-verdict parsers should
     * read verdict markers from here when present, because in JSON output the markers are escaped inside a string and
     * never appear as stdout lines of their own.
     *
     * @return the final message, if the adapter extracted one
     */
    Optional<String> finalMessage();

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
