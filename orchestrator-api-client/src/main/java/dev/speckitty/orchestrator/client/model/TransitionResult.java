package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Result of {@code transition} (contract section 4.7).
 */
@Value.Immutable
public interface TransitionResult extends MissionResult {
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
     * Returns the lane before the event, as the host derived it ({@code genesis} for an unseeded WP) as decoded ({@link Lane#UNKNOWN} for an unknown value).
     *
     * @return the lane
     */
    @Value.Derived
    default Lane fromLane() {
        return Lane.fromWire(fromLaneAsString());
    }

    /**
     * Returns the lane before the event, as the host derived it ({@code genesis} for an unseeded WP) exactly as the host sent it.
     *
     * @return the raw lane
     */
    String fromLaneAsString();

    /**
     * Returns the canonical target lane as decoded ({@link Lane#UNKNOWN} for an unknown value).
     *
     * @return the lane
     */
    @Value.Derived
    default Lane toLane() {
        return Lane.fromWire(toLaneAsString());
    }

    /**
     * Returns the canonical target lane exactly as the host sent it.
     *
     * @return the raw lane
     */
    String toLaneAsString();

    /**
     * Returns whether a valid policy was supplied and recorded.
     *
     * @return whether a valid policy was supplied and recorded
     */
    @Value.Default
    default boolean policyMetadataRecorded() {
        return false;
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link TransitionResult}. */
    final class Builder extends ImmutableTransitionResult.Builder {}
}
