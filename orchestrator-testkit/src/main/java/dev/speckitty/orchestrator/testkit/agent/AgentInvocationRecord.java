package dev.speckitty.orchestrator.testkit.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One scripted agent run as recorded in the invocation log: who it was, when it ran and what it did. A run killed
 * with SIGKILL (or still running) has no end. Immutable.
 */
@Value.Immutable
public interface AgentInvocationRecord {
    /**
     * Returns the run's id (unique per log: pid and start time).
     *
     * @return the id
     */
    String invocationId();

    /**
     * Returns the WP id ({@code SPEC_KITTY_WP_ID}).
     *
     * @return the WP id
     */
    String wp();

    /**
     * Returns the role.
     *
     * @return the role
     */
    ScriptedRole role();

    /**
     * Returns the 1-based attempt.
     *
     * @return the attempt
     */
    int attempt();

    /**
     * Returns the mission selector ({@code SPEC_KITTY_MISSION}), or an empty string.
     *
     * @return the mission
     */
    String mission();

    /**
     * Returns the process id.
     *
     * @return the pid
     */
    long pid();

    /**
     * Returns the workspace the run worked in.
     *
     * @return the absolute workspace path
     */
    String workspace();

    /**
     * Returns the command-line arguments the agent was started with.
     *
     * @return the arguments
     */
    List<String> args();

    /**
     * Returns when the run started.
     *
     * @return the start
     */
    Instant startedAt();

    /**
     * Returns when the run ended.
     *
     * @return the end (normal or {@link #killed()}), or empty if it was killed with SIGKILL, hung or still runs
     */
    Optional<Instant> endedAt();

    /**
     * Returns whether the run was terminated by a signal it could observe (SIGTERM/SIGINT); {@link #endedAt()} is
     * then the moment it was killed and {@link #exitCode()} is empty.
     *
     * @return whether it was killed
     */
    boolean killed();

    /**
     * Returns the exit code the run chose.
     *
     * @return the exit code, or empty without an end
     */
    Optional<Integer> exitCode();

    /**
     * Returns how long the run spent on its scripted {@link AgentBehavior#durationMillis()}, measured with a
     * monotonic clock.
     *
     * @return milliseconds, if the run got that far
     */
    Optional<Long> workedMillis();

    /**
     * Returns the files written, relative to the workspace.
     *
     * @return the paths
     */
    List<String> filesWritten();

    /**
     * Returns whether the run committed its work itself.
     *
     * @return whether it committed
     */
    boolean committed();

    /**
     * Returns the subtask ids passed to {@code mark-status}.
     *
     * @return the ids; empty when it did not run
     */
    List<String> subtasksMarked();

    /**
     * Returns the exit code of {@code spec-kitty agent tasks mark-status}.
     *
     * @return the exit code, if it ran (-1 if it could not start or timed out)
     */
    Optional<Integer> markStatusExitCode();

    /**
     * Returns the verdict delivered, as its wire value.
     *
     * @return {@code approved} or {@code changes_requested}, if one was delivered
     */
    Optional<String> verdict();

    /**
     * Returns the number of prompt bytes read from stdin.
     *
     * @return the byte count, if stdin was read
     */
    Optional<Long> stdinBytes();

    /**
     * Returns where the stdin prompt was recorded.
     *
     * @return the file, if recorded
     */
    Optional<String> promptRecord();

    /**
     * Tells whether this run's time interval overlaps another's; a run without an end lasts for ever.
     *
     * @param other the other run
     * @return whether both were running at some instant
     */
    default boolean overlaps(AgentInvocationRecord other) {
        Instant thisEnd = endedAt().orElse(Instant.MAX);
        Instant otherEnd = other.endedAt().orElse(Instant.MAX);
        return startedAt().isBefore(otherEnd) && other.startedAt().isBefore(thisEnd);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentInvocationRecord}. */
    final class Builder extends ImmutableAgentInvocationRecord.Builder {}
}
