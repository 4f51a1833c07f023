package dev.speckitty.orchestrator.core.state;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** The outcome of one review cycle of a WP, as recorded for rework prompts, resume and reports. */
@Value.Immutable
public interface ReviewRecord {
    /**
     * Returns the 1-based review cycle.
     *
     * @return the cycle
     */
    int cycle();

    /**
     * Returns the reviewer agent id.
     *
     * @return the reviewer
     */
    String reviewer();

    /**
     * Returns the verdict wire value ({@code approved} or {@code changes_requested}).
     *
     * @return the verdict
     */
    String verdict();

    /**
     * Returns the review reference sent to the host.
     *
     * @return the reference
     */
    String reference();

    /**
     * Returns the reviewer's feedback (Markdown), possibly empty.
     *
     * @return the feedback
     */
    @Value.Default
    default String feedback() {
        return "";
    }

    /**
     * Returns the file the feedback was saved to.
     *
     * @return the feedback path, if saved
     */
    Optional<String> feedbackPath();

    /**
     * Returns when the verdict was recorded.
     *
     * @return the time
     */
    Instant recordedAt();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ReviewRecord}. */
    final class Builder extends ImmutableReviewRecord.Builder {}
}
