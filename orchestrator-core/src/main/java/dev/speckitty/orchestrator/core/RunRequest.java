package dev.speckitty.orchestrator.core;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** What to run: the mission, whether to resume the stored run, and the caller's launch options to persist. */
@Value.Immutable
public interface RunRequest {
    /**
     * Returns the mission selector (slug, mission id, or mid8).
     *
     * @return the mission
     */
    String mission();

    /**
     * Tells whether to continue the stored run (same run id, attempts, agents tried, quarantine) instead of starting
     * a new one. Either way the host is the truth: WPs are adopted by their current lane.
     *
     * @return whether to resume
     */
    @Value.Default
    default boolean resume() {
        return false;
    }

    /**
     * Returns the run id to use for a new run; default a random id.
     *
     * @return the run id, if chosen by the caller
     */
    Optional<String> runId();

    /**
     * Returns JSON-able launch options (strings, numbers, booleans, lists, maps) stored in the run state so that a
     * later {@code resume} can rebuild the same engine. Never put secrets here.
     *
     * @return the launch options
     */
    Map<String, Object> launchOptions();

    /**
     * Creates a request for a fresh run of a mission.
     *
     * @param mission the mission selector
     * @return the request
     */
    static RunRequest of(String mission) {
        return builder().mission(mission).build();
    }

    /** Rejects a blank mission. */
    @Value.Check
    default void check() {
        if (mission().isBlank()) {
            throw new EngineConfigurationException("a run needs a mission selector (slug, mission id or mid8)");
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

    /** Builder for {@link RunRequest}. */
    final class Builder extends ImmutableRunRequest.Builder {}
}
