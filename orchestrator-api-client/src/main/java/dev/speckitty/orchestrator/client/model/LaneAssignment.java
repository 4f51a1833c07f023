package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Where a lane work package lives: its lane, its branch and the ref the lane is parented on (contract 1.1.0+,
 * sections 4.4 and 4.5). Treat every value as an opaque string.
 */
@Value.Immutable
public interface LaneAssignment {
    /**
     * Returns the lane id, e.g. {@code "lane-a"}.
     *
     * @return the lane id
     */
    String laneId();

    /**
     * Returns the git branch of the lane worktree.
     *
     * @return the lane branch
     */
    String laneBranch();

    /**
     * Returns the ref the lane branch is parented on.
     *
     * @return the base ref
     */
    String laneBaseRef();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link LaneAssignment}. */
    final class Builder extends ImmutableLaneAssignment.Builder {}
}
