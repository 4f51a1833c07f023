package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** The outcome of one WP in a run. */
@Value.Immutable
public interface WorkPackageReport {
    /**
     * Returns the WP id.
     *
     * @return the id
     */
    String wpId();

    /**
     * Returns the outcome.
     *
     * @return the outcome
     */
    WorkPackageOutcome outcome();

    /**
     * Returns the last lane the engine knows (host wire value).
     *
     * @return the lane
     */
    String lane();

    /**
     * Returns how many implementation (and rework) agent runs this run made.
     *
     * @return implementation attempts
     */
    int implementationAttempts();

    /**
     * Returns how many review agent runs this run made.
     *
     * @return review attempts
     */
    int reviewAttempts();

    /**
     * Returns how many review verdicts ({@code changes_requested} or {@code approved}) were given.
     *
     * @return review cycles
     */
    int reviewCycles();

    /**
     * Returns the last error.
     *
     * @return the error, if any
     */
    Optional<String> lastError();

    /**
     * Returns the summed usage of this WP's agent runs.
     *
     * @return the usage (fields empty when no agent reported any)
     */
    AgentUsage usage();

    /**
     * Returns the host calls made for this WP, by command.
     *
     * @return command → count
     */
    Map<String, Integer> hostCalls();

    /**
     * Returns the time spent in agent runs for this WP.
     *
     * @return the agent time
     */
    Duration agentTime();

    /**
     * Returns the time from the WP's first step to its last in this run.
     *
     * @return the elapsed time
     */
    Duration elapsed();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link WorkPackageReport}. */
    final class Builder extends ImmutableWorkPackageReport.Builder {}
}
