package dev.speckitty.orchestrator.core.spi;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Input of {@link AgentSelector#select(SelectionContext)}. */
@Value.Immutable
public interface SelectionContext {
    /**
     * Returns the WP id.
     *
     * @return the WP
     */
    String wpId();

    /**
     * Returns the role to fill.
     *
     * @return the role
     */
    AgentRole role();

    /**
     * Returns the agents of this role already given up on for this WP (never choose them again).
     *
     * @return agent ids
     */
    List<String> agentsTried();

    /**
     * Returns the WP front matter's {@code agent} hint (the author's preferred implementer).
     *
     * @return the hint, if any
     */
    Optional<String> agentHint();

    /**
     * Returns the WP front matter's {@code model} hint.
     *
     * @return the hint, if any
     */
    Optional<String> modelHint();

    /**
     * Returns the agent that implemented the WP last (for reviewer independence).
     *
     * @return the implementer, if known
     */
    Optional<String> implementer();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link SelectionContext}. */
    final class Builder extends ImmutableSelectionContext.Builder {}
}
