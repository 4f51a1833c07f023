package dev.speckitty.orchestrator.testkit.agent;

import java.util.Optional;
import org.immutables.value.Value;

/** Token and cost figures a scripted agent reports in a {@code SPEC_KITTY_USAGE:} line. Immutable. */
@Value.Immutable
public interface UsageFigures {
    /**
     * Returns the input tokens.
     *
     * @return at least 0
     */
    long inputTokens();

    /**
     * Returns the output tokens.
     *
     * @return at least 0
     */
    long outputTokens();

    /**
     * Returns the cost in US dollars.
     *
     * @return the cost, if reported
     */
    Optional<Double> costUsd();

    /** Rejects negative figures. */
    @Value.Check
    default void check() {
        if (inputTokens() < 0 || outputTokens() < 0 || costUsd().orElse(0.0) < 0) {
            throw new IllegalArgumentException("usage figures must not be negative");
        }
    }

    /**
     * Creates figures.
     *
     * @param inputTokens input tokens
     * @param outputTokens output tokens
     * @param costUsd cost in US dollars
     * @return the figures
     */
    static UsageFigures of(long inputTokens, long outputTokens, double costUsd) {
        return builder().inputTokens(inputTokens).outputTokens(outputTokens).costUsd(costUsd).build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link UsageFigures}. */
    final class Builder extends ImmutableUsageFigures.Builder {}
}
