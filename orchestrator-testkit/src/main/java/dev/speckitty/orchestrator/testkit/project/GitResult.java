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
     * Returns stdout split into lines, without trailing empty lines; leading whitespace is kept (it is significant
     * in e.g. {@code git status --porcelain}).
     *
     * @return the lines
     */
    default List<String> lines() {
        List<String> lines = new java.util.ArrayList<>(List.of(stdout().split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return List.copyOf(lines);
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
