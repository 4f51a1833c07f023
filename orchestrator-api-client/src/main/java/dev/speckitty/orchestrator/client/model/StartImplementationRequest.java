package dev.speckitty.orchestrator.client.model;

import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import org.immutables.value.Value;

/**
 * Request of {@code start-implementation}: the composite, idempotent {@code planned → claimed → in_progress} start (contract section 4.5).
 */
@Value.Immutable
public interface StartImplementationRequest {
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

    /**
     * Returns the actor identity recorded on the host's events; compared verbatim for claim ownership.
     *
     * @return the actor identity recorded on the host's events
     */
    String actor();

    /**
     * Returns the policy metadata sent as {@code --policy}.
     *
     * @return the policy metadata sent as {@code --policy}
     */
    PolicyMetadata policy();

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
        Identifiers.requireWorkPackageId(wp());
        Identifiers.requireText("actor", actor(), false);
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link StartImplementationRequest}. */
    final class Builder extends ImmutableStartImplementationRequest.Builder {}
}
