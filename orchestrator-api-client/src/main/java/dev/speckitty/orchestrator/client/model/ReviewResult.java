package dev.speckitty.orchestrator.client.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The structured review outcome sent as {@code --review-result-json} (contract 1.3.0+, section 6.6). Required by
 * the host for every exit from {@code in_review} unless forced.
 */
@Value.Immutable
public interface ReviewResult {
    /**
     * Returns the reviewer identity.
     *
     * @return a non-blank reviewer
     */
    String reviewer();

    /**
     * Returns the verdict; never {@link ReviewVerdict#UNKNOWN}.
     *
     * @return the verdict
     */
    ReviewVerdict verdict();

    /**
     * Returns the review reference; when a {@code --review-ref} is also sent it must be equal to this.
     *
     * @return a non-blank reference
     */
    String reference();

    /**
     * Returns an optional path to the review feedback.
     *
     * @return the feedback path, if any
     */
    Optional<String> feedbackPath();

    /** Rejects what the host would reject with {@code USAGE_ERROR}. */
    @Value.Check
    default void check() {
        Identifiers.requireText("review result reviewer", reviewer(), false);
        Identifiers.requireText("review result reference", reference(), false);
        if (verdict() == ReviewVerdict.UNKNOWN) {
            throw new IllegalArgumentException("review result verdict must be APPROVED or CHANGES_REQUESTED");
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

    /** Builder for {@link ReviewResult}. */
    final class Builder extends ImmutableReviewResult.Builder {}
}
