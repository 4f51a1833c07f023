package dev.speckitty.orchestrator.client.model;

import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Request of {@code start-review}: the reviewer's idempotent {@code for_review → in_review} claim (contract section 4.6).
 */
@Value.Immutable
public interface StartReviewRequest {
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

    /**
     * Returns the optional {@code --review-ref} stored on the event.
     *
     * @return the optional {@code --review-ref} stored on the event
     */
    Optional<String> reviewRef();

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
        Identifiers.requireWorkPackageId(wp());
        Identifiers.requireText("actor", actor(), false);
        reviewRef().ifPresent(r -> Identifiers.requireText("review ref", r, false));
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link StartReviewRequest}. */
    final class Builder extends ImmutableStartReviewRequest.Builder {}
}
