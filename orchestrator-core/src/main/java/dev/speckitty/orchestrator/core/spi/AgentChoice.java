package dev.speckitty.orchestrator.core.spi;

import java.util.Optional;
import org.immutables.value.Value;

/** The agent chosen by an {@link AgentSelector}, with the model to use. */
@Value.Immutable
public interface AgentChoice {
    /**
     * Returns the agent id (an {@link AgentAdapter#id()}).
     *
     * @return the agent
     */
    String agent();

    /**
     * Returns the model to pass; empty leaves the agent's default.
     *
     * @return the model, if any
     */
    Optional<String> model();

    /**
     * Creates a choice without a model.
     *
     * @param agent the agent id
     * @return the choice
     */
    static AgentChoice of(String agent) {
        return builder().agent(agent).build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentChoice}. */
    final class Builder extends ImmutableAgentChoice.Builder {}
}
