package dev.speckitty.orchestrator.core.agent;

import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/** Whether an agent CLI is installed, where, and what version it reports (for {@code doctor} and dry runs). */
@Value.Immutable
public interface AgentProbe {
    /**
     * Returns the adapter id.
     *
     * @return the id
     */
    String agentId();

    /**
     * Returns the executable that was looked for.
     *
     * @return the executable
     */
    String executable();

    /**
     * Tells whether the executable was found and is executable.
     *
     * @return whether it is installed
     */
    boolean installed();

    /**
     * Returns the resolved path of the executable.
     *
     * @return the path, when found
     */
    Optional<Path> path();

    /**
     * Returns the first non-blank line the version command printed.
     *
     * @return the version text, when the version command succeeded
     */
    Optional<String> version();

    /**
     * Returns what went wrong (not found, version command failed or timed out).
     *
     * @return the problem, if any
     */
    Optional<String> problem();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentProbe}. */
    final class Builder extends ImmutableAgentProbe.Builder {}
}
