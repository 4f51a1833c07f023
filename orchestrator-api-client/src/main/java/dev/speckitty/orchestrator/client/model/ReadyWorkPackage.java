package dev.speckitty.orchestrator.client.model;

import java.util.Optional;
import org.immutables.value.Value;

/** One entry of {@code list-ready} (contract section 4.3). */
@Value.Immutable
public interface ReadyWorkPackage {
    /**
     * Returns the WP id.
     *
     * @return the id
     */
    String wpId();

    /**
     * Returns the decoded lane (always {@link Lane#PLANNED} on current hosts).
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
     * Returns whether every dependency is satisfied (always {@code true}: unready WPs are filtered out).
     *
     * @return the flag
     */
    @Value.Default
    default boolean dependenciesSatisfied() {
        return true;
    }

    /**
     * Returns the suggested base branch; only hosts up to 3.0.3 send it.
     *
     * @return the recommended base, if sent
     */
    Optional<String> recommendedBase();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ReadyWorkPackage}. */
    final class Builder extends ImmutableReadyWorkPackage.Builder {}
}
