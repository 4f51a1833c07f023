package dev.speckitty.orchestrator.core.spi;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** Token and cost figures an agent reported, when it reports any. */
@Value.Immutable
public interface AgentUsage {
    /**
     * Returns input tokens.
     *
     * @return input tokens, if reported
     */
    OptionalLong inputTokens();

    /**
     * Returns output tokens.
     *
     * @return output tokens, if reported
     */
    OptionalLong outputTokens();

    /**
     * Returns the cost in US dollars.
     *
     * @return the cost, if reported
     */
    OptionalDouble costUsd();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentUsage}. */
    final class Builder extends ImmutableAgentUsage.Builder {}
}
