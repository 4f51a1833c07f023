package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Request of {@code resolve-workspace} (contract 1.2.0+, section 4.4).
 */
@Value.Immutable
public interface ResolveWorkspaceRequest {
    /**
     * Returns the mission selector; pass the exact directory name under {@code kitty-specs/} (contract section 3.1).
     *
     * @return the mission selector
     */
    String mission();

    /**
     * Returns the work package id, e.g. {@code WP01}.
     *
     * @return the work package id, e.g. {@code WP01}
     */
    String wp();

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
        Identifiers.requireWorkPackageId(wp());
    }

    /**
     * Creates a request.
     *
     * @param mission the mission
     * @param wp the wp
     * @return the request
     */
    static ResolveWorkspaceRequest of(String mission, String wp) {
        return builder().mission(mission).wp(wp).build();
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ResolveWorkspaceRequest}. */
    final class Builder extends ImmutableResolveWorkspaceRequest.Builder {}
}
