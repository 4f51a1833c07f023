package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Request of {@code mission-state} ({@code feature-state} on feature-era hosts; contract section 4.2).
 */
@Value.Immutable
public interface MissionStateRequest {
    /**
     * Returns the mission selector; pass the exact directory name under {@code kitty-specs/} (contract section 3.1).
     *
     * @return the mission selector
     */
    String mission();

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
    }

    /**
     * Creates a request.
     *
     * @param mission the mission
     * @return the request
     */
    static MissionStateRequest of(String mission) {
        return builder().mission(mission).build();
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link MissionStateRequest}. */
    final class Builder extends ImmutableMissionStateRequest.Builder {}
}
