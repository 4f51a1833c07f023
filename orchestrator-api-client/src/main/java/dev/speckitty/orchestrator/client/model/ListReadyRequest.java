package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Request of {@code list-ready} (contract section 4.3).
 */
@Value.Immutable
public interface ListReadyRequest {
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
    static ListReadyRequest of(String mission) {
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

    /** Builder for {@link ListReadyRequest}. */
    final class Builder extends ImmutableListReadyRequest.Builder {}
}
