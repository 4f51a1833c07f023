package dev.speckitty.orchestrator.core.spi;

import java.util.Optional;
import org.immutables.value.Value;

/** What a reviewer produced: the verdict file's content (if it wrote one) and its stdout. */
@Value.Immutable
public interface ReviewOutput {
    /**
     * Returns the reviewer agent id.
     *
     * @return the agent
     */
    String agent();

    /**
     * Returns the content of {@code $SPEC_KITTY_VERDICT_FILE}, when the reviewer wrote it.
     *
     * @return the verdict file text, if any
     */
    Optional<String> verdictFile();

    /**
     * Returns the reviewer's stdout.
     *
     * @return stdout, possibly empty
     */
    @Value.Default
    default String stdout() {
        return "";
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ReviewOutput}. */
    final class Builder extends ImmutableReviewOutput.Builder {}
}
