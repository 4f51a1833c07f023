package dev.speckitty.orchestrator.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** The process an {@link AgentAdapter} wants started: argv (never a shell), optional stdin, extra environment. */
@Value.Immutable
public interface AgentCommand {
    /**
     * Returns the argv; element 0 is the executable (a name looked up on {@code PATH}, or a path).
     *
     * @return the argv
     */
    List<String> argv();

    /**
     * Returns the text to feed on stdin; when empty, stdin is the null device.
     *
     * @return the stdin text, if any
     */
    Optional<String> stdin();

    /**
     * Returns environment variables to add for this agent.
     *
     * @return the extra environment
     */
    Map<String, String> environment();

    /** Rejects an empty argv. */
    @Value.Check
    default void check() {
        if (argv().isEmpty() || argv().get(0).isBlank()) {
            throw new IllegalArgumentException("an agent command needs an executable");
        }
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentCommand}. */
    final class Builder extends ImmutableAgentCommand.Builder {}
}
