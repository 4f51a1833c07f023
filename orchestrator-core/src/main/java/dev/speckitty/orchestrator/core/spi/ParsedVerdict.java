package dev.speckitty.orchestrator.core.spi;

import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import java.util.Optional;
import org.immutables.value.Value;

/** A reviewer's verdict and feedback, or the absence of a verdict. */
@Value.Immutable
public interface ParsedVerdict {
    /**
     * Returns the verdict: {@link ReviewVerdict#APPROVED} or {@link ReviewVerdict#CHANGES_REQUESTED}.
     *
     * @return the verdict, or empty when the reviewer gave none
     */
    Optional<ReviewVerdict> verdict();

    /**
     * Returns the feedback (Markdown), possibly empty.
     *
     * @return the feedback
     */
    @Value.Default
    default String feedback() {
        return "";
    }

    /**
     * Returns where the verdict came from ({@code verdict-file}, {@code stdout}, {@code claude-json}, or
     * {@code none}).
     *
     * @return the source
     */
    @Value.Default
    default String source() {
        return "none";
    }

    /** Rejects {@link ReviewVerdict#UNKNOWN}: an unreadable verdict is "none", not a third verdict. */
    @Value.Check
    default void check() {
        if (verdict().filter(v -> v == ReviewVerdict.UNKNOWN).isPresent()) {
            throw new IllegalArgumentException("a parsed verdict is APPROVED or CHANGES_REQUESTED; use none()");
        }
    }

    /**
     * Returns "no verdict".
     *
     * @return the empty verdict
     */
    static ParsedVerdict none() {
        return builder().build();
    }

    /**
     * Creates a verdict.
     *
     * @param verdict the verdict
     * @param feedback the feedback
     * @param source where it came from
     * @return the parsed verdict
     */
    static ParsedVerdict of(ReviewVerdict verdict, String feedback, String source) {
        return builder().verdict(verdict).feedback(feedback).source(source).build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ParsedVerdict}. */
    final class Builder extends ImmutableParsedVerdict.Builder {}
}
