package dev.speckitty.orchestrator.core.spi;

import java.util.Optional;

/**
 * Chooses the agent for the next run of a role on a WP, walking an ordered fallback chain. Must be thread-safe and
 * side-effect free; the engine records which agents it gave up on and passes them back in the context.
 */
@FunctionalInterface
public interface AgentSelector {
    /**
     * Chooses an agent.
     *
     * @param context the WP, role, hints and agents already given up on
     * @return the choice, or empty when every agent of the chain was tried (the engine then blocks the WP or leaves
     *     it, per its options)
     */
    Optional<AgentChoice> select(SelectionContext context);
}
