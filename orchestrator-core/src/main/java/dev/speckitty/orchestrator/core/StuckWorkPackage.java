package dev.speckitty.orchestrator.core;

import java.util.Optional;
import org.immutables.value.Value;

/** A WP that could not progress when the run stalled: its lane, why, and its last error. */
@Value.Immutable
public interface StuckWorkPackage {
    /**
     * Returns the WP id.
     *
     * @return the id
     */
    String wpId();

    /**
     * Returns its lane (host wire value).
     *
     * @return the lane
     */
    String lane();

    /**
     * Returns why the engine cannot move it (e.g. "waits on blocked WP02", "claimed by another actor").
     *
     * @return the reason
     */
    String reason();

    /**
     * Returns its last error.
     *
     * @return the error, if any
     */
    Optional<String> lastError();

    /**
     * Renders {@code WP02(lane=planned, waits on blocked WP01, last_error=…)}.
     *
     * @return the summary
     */
    default String summary() {
        return wpId() + "(lane=" + lane() + ", " + reason() + lastError().map(e -> ", last_error=" + e).orElse("") + ")";
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link StuckWorkPackage}. */
    final class Builder extends ImmutableStuckWorkPackage.Builder {}
}
