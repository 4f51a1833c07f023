package dev.speckitty.orchestrator.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The facts a {@link PromptBuilder} works from. */
@Value.Immutable
public interface PromptContext {
    /**
     * Returns the mission selector.
     *
     * @return the mission
     */
    String mission();

    /**
     * Returns the WP id.
     *
     * @return the WP
     */
    String wpId();

    /**
     * Returns the WP prompt file's text as the host gave it (front matter included).
     *
     * @return the WP prompt
     */
    String workPackagePrompt();

    /**
     * Returns the subtask ids from the WP's front matter (safe tokens only).
     *
     * @return subtask ids
     */
    List<String> subtasks();

    /**
     * Returns the workspace the agent runs in.
     *
     * @return the workspace
     */
    Path workspace();

    /**
     * Returns the lane branch, when the WP belongs to a lane.
     *
     * @return the branch, if any
     */
    Optional<String> laneBranch();

    /**
     * Returns the reviewer feedback to address (rework), or the host's reason a hand-off was refused.
     *
     * @return the feedback, if this is a rework
     */
    Optional<String> reviewFeedback();

    /**
     * Returns the review cycle (1-based) for review prompts and reworks.
     *
     * @return the cycle
     */
    @Value.Default
    default int cycle() {
        return 1;
    }

    /**
     * Returns the base commit the WP's work is measured from (for the reviewer's diff).
     *
     * @return the base, if known
     */
    Optional<String> baseCommit();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link PromptContext}. */
    final class Builder extends ImmutablePromptContext.Builder {}
}
