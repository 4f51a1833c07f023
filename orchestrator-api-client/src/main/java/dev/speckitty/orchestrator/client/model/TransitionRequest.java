package dev.speckitty.orchestrator.client.model;

import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Request of {@code transition}: one explicit lane move (contract section 4.7). Not idempotent on the host.
 *
 * <p>{@code build()} rejects what can never succeed: a target of {@link Lane#UNKNOWN} or {@link Lane#GENESIS}, a
 * policy-gated target ({@link Lane#requiresPolicy()}) without a policy, and {@code force} without a non-blank note.
 */
@Value.Immutable
public interface TransitionRequest {
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
     * Returns the target lane.
     *
     * @return the target lane
     */
    Lane to();

    /**
     * Returns the actor identity recorded on the host's events; compared verbatim for claim ownership.
     *
     * @return the actor identity recorded on the host's events
     */
    String actor();

    /**
     * Returns the {@code --note} recorded on the event; required for {@code in_progress → planned} and for every forced move.
     *
     * @return the {@code --note} recorded on the event
     */
    Optional<String> note();

    /**
     * Returns the {@code --policy}; required when the target requires it.
     *
     * @return the {@code --policy}
     */
    Optional<PolicyMetadata> policy();

    /**
     * Returns whether to send {@code --force} (recovery only; bypasses edges and guards).
     *
     * @return whether to send {@code --force}
     */
    @Value.Default
    default boolean force() {
        return false;
    }

    /**
     * Returns the {@code --review-ref}; when leaving {@code in_review} it must equal the review result's reference.
     *
     * @return the {@code --review-ref}
     */
    Optional<String> reviewRef();

    /**
     * Returns the structured review outcome ({@code --review-result-json}, contract 1.3.0+).
     *
     * @return the structured review outcome
     */
    Optional<ReviewResult> reviewResult();

    /**
     * Returns the done evidence ({@code --evidence-json}).
     *
     * @return the done evidence
     */
    Optional<DoneEvidence> evidence();

    /**
     * Returns whether to send {@code --subtasks-complete} (ignored by 1.3.0 hosts, honoured by older ones).
     *
     * @return whether to send {@code --subtasks-complete}
     */
    @Value.Default
    default boolean subtasksComplete() {
        return false;
    }

    /**
     * Returns whether to send {@code --implementation-evidence-present}.
     *
     * @return whether to send {@code --implementation-evidence-present}
     */
    @Value.Default
    default boolean implementationEvidencePresent() {
        return false;
    }

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
        Identifiers.requireWorkPackageId(wp());
        Identifiers.requireText("actor", actor(), false);
        if (to() == Lane.UNKNOWN || to() == Lane.GENESIS) {
            throw new IllegalArgumentException("transition target must be a real lane, not " + to());
        }
        if (to().requiresPolicy() && policy().isEmpty()) {
            throw new IllegalArgumentException(
                    "transition to " + to().wireValue() + " requires a policy (the host refuses it without one)");
        }
        note().ifPresent(n -> Identifiers.requireText("note", n, true));
        reviewRef().ifPresent(r -> Identifiers.requireText("review ref", r, false));
        if (force() && note().map(String::isBlank).orElse(true)) {
            throw new IllegalArgumentException("a forced transition requires a non-blank note (the host's rule)");
        }
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link TransitionRequest}. */
    final class Builder extends ImmutableTransitionRequest.Builder {}
}
