package dev.speckitty.orchestrator.client.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Result of {@code start-implementation} (contract section 4.5).
 */
@Value.Immutable
public interface StartImplementationResult extends MissionResult {
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
     * Returns the work package id.
     *
     * @return the work package id
     */
    String wpId();

    /**
     * Returns the lane before the call as decoded ({@link Lane#UNKNOWN} for an unknown value).
     *
     * @return the lane
     */
    @Value.Derived
    default Lane fromLane() {
        return Lane.fromWire(fromLaneAsString());
    }

    /**
     * Returns the lane before the call exactly as the host sent it.
     *
     * @return the raw lane
     */
    String fromLaneAsString();

    /**
     * Returns the lane after the call (always in_progress) as decoded ({@link Lane#UNKNOWN} for an unknown value).
     *
     * @return the lane
     */
    @Value.Derived
    default Lane toLane() {
        return Lane.fromWire(toLaneAsString());
    }

    /**
     * Returns the lane after the call (always in_progress) exactly as the host sent it.
     *
     * @return the raw lane
     */
    String toLaneAsString();

    /**
     * Returns the absolute workspace path (the lane worktree for lane WPs).
     *
     * @return the absolute workspace path
     */
    String workspacePath();

    /**
     * Returns the absolute path of the WP prompt file.
     *
     * @return the absolute path of the WP prompt file
     */
    String promptPath();

    /**
     * Returns whether the host recorded the policy (always true).
     *
     * @return whether the host recorded the policy
     */
    @Value.Default
    default boolean policyMetadataRecorded() {
        return true;
    }

    /**
     * Returns whether nothing was written because the WP was already in progress for a compatible owner.
     *
     * @return whether nothing was written because the WP was already in progress for a compatible owner
     */
    @Value.Default
    default boolean noOp() {
        return false;
    }

    /**
     * Returns the lane assignment; present only for lane work packages (contract 1.1.0+).
     *
     * @return the lane assignment
     */
    Optional<LaneAssignment> lane();


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link StartImplementationResult}. */
    final class Builder extends ImmutableStartImplementationResult.Builder {}
}
