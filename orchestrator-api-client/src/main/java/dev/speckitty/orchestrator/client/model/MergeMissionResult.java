package dev.speckitty.orchestrator.client.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * Result of {@code merge-mission} (contract section 4.10).
 */
@Value.Immutable
public interface MergeMissionResult extends MissionResult {
    /**
     * Returns the metadata of the envelope this result was decoded from.
     *
     * @return the metadata of the envelope this result was decoded from
     */
    EnvelopeMetadata metadata();

    /**
     * Returns the mission identity block.
     *
     * @return the mission identity block
     */
    MissionIdentity identity();

    /**
     * Returns whether the merge happened (always true on success).
     *
     * @return whether the merge happened
     */
    @Value.Default
    default boolean merged() {
        return true;
    }

    /**
     * Returns the resolved target branch.
     *
     * @return the resolved target branch
     */
    String targetBranch();

    /**
     * Returns the strategy exactly as the host echoed it.
     *
     * @return the strategy exactly as the host echoed it
     */
    String strategyAsString();

    /**
     * Returns the host's hard-coded {@code worktree_removed} flag (always false, although lane worktrees are removed).
     *
     * @return the host's hard-coded {@code worktree_removed} flag
     */
    @Value.Default
    default boolean worktreeRemoved() {
        return false;
    }

    /**
     * Returns the merged WPs; only feature-era hosts up to 3.0.3 send them.
     *
     * @return the merged WPs
     */
    List<String> mergedWps();

    /**
     * Returns the strategy as decoded.
     *
     * @return the strategy, {@link MergeStrategy#UNKNOWN} for an unknown value
     */
    @Value.Derived
    default MergeStrategy strategy() {
        return MergeStrategy.fromWire(strategyAsString());
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link MergeMissionResult}. */
    final class Builder extends ImmutableMergeMissionResult.Builder {}
}
