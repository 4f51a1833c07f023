package dev.speckitty.orchestrator.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/** What an agent process produced, as captured by the launcher (streams capped, logs kept in full on disk). */
@Value.Immutable
public interface AgentRunOutput {
    /**
     * Returns the exit code; meaningless when {@link #timedOut()} or {@link #binaryMissing()}.
     *
     * @return the exit code
     */
    int exitCode();

    /**
     * Returns stdout as text (malformed UTF-8 replaced), capped.
     *
     * @return stdout
     */
    String stdout();

    /**
     * Returns stderr as text, capped.
     *
     * @return stderr
     */
    String stderr();

    /**
     * Tells whether the launcher killed the process tree at the timeout.
     *
     * @return whether it timed out
     */
    @Value.Default
    default boolean timedOut() {
        return false;
    }

    /**
     * Returns, when the run was killed because it printed nothing for too long, the idle timeout that applied; then
     * {@link #timedOut()} is true as well. Empty for a run killed at its wall-clock timeout or not killed at all.
     *
     * @return the idle timeout that killed the run, if that is what happened
     */
    Optional<Duration> idleTimeout();

    /**
     * Tells whether the executable could not be started at all.
     *
     * @return whether the binary is missing
     */
    @Value.Default
    default boolean binaryMissing() {
        return false;
    }

    /**
     * Returns the wall time of the run.
     *
     * @return the duration
     */
    @Value.Default
    default Duration duration() {
        return Duration.ZERO;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentRunOutput}. */
    final class Builder extends ImmutableAgentRunOutput.Builder {}
}
