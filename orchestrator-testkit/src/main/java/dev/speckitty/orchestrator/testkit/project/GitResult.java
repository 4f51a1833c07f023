package dev.speckitty.orchestrator.testkit.project;

import java.util.List;
import org.immutables.value.Value;

/** The outcome of one git command run by {@link TestProject}. Immutable and thread-safe. */
@Value.Immutable
public interface GitResult {
    /**
     * Returns the git arguments (without the leading {@code git}).
     *
     * @return the arguments
     */
    List<String> args();

    /**
     * Returns the exit code; -1 when the command was killed at its timeout.
     *
     * @return the exit code
     */
    int exitCode();

    /**
     * Returns stdout as UTF-8 text.
     *
     * @return stdout
     */
    String stdout();

    /**
     * Returns stderr as UTF-8 text.
     *
     * @return stderr
     */
    String stderr();

    /**
     * Returns whether the command was killed at its timeout.
     *
     * @return whether it timed out
     */
    boolean timedOut();

    /**
     * Tells whether git exited 0.
     *
     * @return whether it succeeded
     */
    default boolean succeeded() {
        return exitCode() == 0 && !timedOut();
    }

    /**
     * Returns stdout split into lines, without trailing empty lines.
     *
     * @return the lines
     */
    default List<String> lines() {
        String s = stdout().strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\r?\n"));
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link GitResult}. */
    final class Builder extends ImmutableGitResult.Builder {}
}
