package dev.speckitty.orchestrator.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The process an {@link AgentAdapter} wants started: argv (never a shell), optional stdin, extra environment and an
 * optional per-run idle-output timeout.
 */
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

    /**
     * Returns this run's idle-output timeout: a launcher that supports one kills the run when it has printed nothing
     * on stdout or stderr for this long, as if it had timed out. Empty means the launcher's own default (for
     * {@code ProcessAgentLauncher}: its builder's {@code idleTimeout}, off unless set). The engine fills it from
     * {@code EngineOptions.agentIdleTimeouts()} when the adapter left it empty, so an adapter (or a wrapper such as a
     * per-role profile) that sets it wins.
     *
     * @return the idle timeout, if this run has its own
     */
    Optional<Duration> idleTimeout();

    /** Rejects an empty argv and a non-positive idle timeout. */
    @Value.Check
    default void check() {
        if (argv().isEmpty() || argv().get(0).isBlank()) {
            throw new IllegalArgumentException("an agent command needs an executable");
        }
        idleTimeout().ifPresent(d -> {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("an agent command's idleTimeout must be positive, got " + d);
            }
        });
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
