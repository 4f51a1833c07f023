package dev.speckitty.orchestrator.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Everything an {@link AgentAdapter} needs to build one agent command line. */
@Value.Immutable
public interface AgentInvocation {
    /**
     * Returns the role of this run.
     *
     * @return the role
     */
    AgentRole role();

    /**
     * Returns the mission selector.
     *
     * @return the mission
     */
    String mission();

    /**
     * Returns the work package id.
     *
     * @return the WP id
     */
    String wpId();

    /**
     * Returns the 1-based attempt number of this role for this WP.
     *
     * @return the attempt
     */
    int attempt();

    /**
     * Returns the directory the agent runs in (the lane worktree).
     *
     * @return the workspace
     */
    Path workspace();

    /**
     * Returns the file holding the full prompt (always written, whatever the delivery).
     *
     * @return the prompt file
     */
    Path promptFile();

    /**
     * Returns the full prompt text.
     *
     * @return the prompt
     */
    String prompt();

    /**
     * Returns the file a reviewer may write its verdict to (JSON {@code {"verdict": …, "feedback": …}}).
     *
     * @return the verdict file
     */
    Path verdictFile();

    /**
     * Returns the model to use, from configuration or the WP's front-matter hint.
     *
     * @return the model, if one is chosen
     */
    Optional<String> model();

    /**
     * Returns extra arguments configured for this agent, appended to its command line.
     *
     * @return the extra arguments
     */
    List<String> extraArgs();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentInvocation}. */
    final class Builder extends ImmutableAgentInvocation.Builder {}
}
