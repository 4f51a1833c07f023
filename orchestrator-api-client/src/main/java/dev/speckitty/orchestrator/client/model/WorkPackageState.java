package dev.speckitty.orchestrator.client.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** One work package of {@code mission-state} (contract section 4.2). */
@Value.Immutable
public interface WorkPackageState {
    /**
     * Returns the canonical WP id, e.g. {@code "WP01"}.
     *
     * @return the id
     */
    String wpId();

    /**
     * Returns the decoded lane ({@link Lane#UNKNOWN} for a value this client does not know).
     *
     * @return the lane
     */
    @Value.Derived
    default Lane lane() {
        return Lane.fromWire(laneAsString());
    }

    /**
     * Returns the lane exactly as the host sent it.
     *
     * @return the raw lane
     */
    String laneAsString();

    /**
     * Returns the WP ids this work package depends on, in front-matter order.
     *
     * @return the dependencies, possibly empty
     */
    List<String> dependencies();

    /**
     * Returns the last actor; always empty on event-log hosts (2.0.0 and later), which never fill it.
     *
     * @return the last actor, if the host reported one
     */
    Optional<String> lastActor();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link WorkPackageState}. */
    final class Builder extends ImmutableWorkPackageState.Builder {}
}
