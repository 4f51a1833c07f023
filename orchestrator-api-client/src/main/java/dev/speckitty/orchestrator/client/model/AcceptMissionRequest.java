package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Request of {@code accept-mission} ({@code accept-feature} on feature-era hosts; contract section 4.9).
 */
@Value.Immutable
public interface AcceptMissionRequest {
    /**
     * Returns the mission selector; pass the exact directory name under {@code kitty-specs/} (contract section 3.1).
     *
     * @return the mission selector
     */
    String mission();

    /**
     * Returns the actor identity recorded on the host's events; compared verbatim for claim ownership.
     *
     * @return the actor identity recorded on the host's events
     */
    String actor();

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
        Identifiers.requireText("actor", actor(), false);
    }

    /**
     * Creates a request.
     *
     * @param mission the mission
     * @param actor the actor
     * @return the request
     */
    static AcceptMissionRequest of(String mission, String actor) {
        return builder().mission(mission).actor(actor).build();
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AcceptMissionRequest}. */
    final class Builder extends ImmutableAcceptMissionRequest.Builder {}
}
