package dev.speckitty.orchestrator.core.state;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** One agent run for one role of one WP. */
@Value.Immutable
public interface AttemptRecord {
    /**
     * Returns the role of the run.
     *
     * @return the role
     */
    AgentRole role();

    /**
     * Returns the 1-based attempt number of this role for this WP.
     *
     * @return the attempt
     */
    int attempt();

    /**
     * Returns the agent id.
     *
     * @return the agent
     */
    String agent();

    /**
     * Returns when the run started.
     *
     * @return the start
     */
    Instant startedAt();

    /**
     * Returns when the run ended.
     *
     * @return the end, empty while running
     */
    Optional<Instant> endedAt();

    /**
     * Returns the process exit code.
     *
     * @return the exit code, empty when unknown (timeout, missing binary, still running)
     */
    OptionalInt exitCode();

    /**
     * Returns the failure class.
     *
     * @return the failure, empty when the run succeeded
     */
    Optional<AgentFailure> failure();

    /**
     * Returns the outcome in words (e.g. "committed abc123", "approved", "no changes").
     *
     * @return the outcome, possibly empty
     */
    @Value.Default
    default String outcome() {
        return "";
    }

    /**
     * Returns the log file of the run.
     *
     * @return the log path, if any
     */
    Optional<String> logPath();

    /**
     * Returns the usage figures the agent reported.
     *
     * @return the usage, if any
     */
    Optional<AgentUsage> usage();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AttemptRecord}. */
    final class Builder extends ImmutableAttemptRecord.Builder {}
}
