package dev.speckitty.orchestrator.client.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The mission identity block every mission payload starts with (contract section 3.2).
 */
@Value.Immutable
public interface MissionIdentity {
    /**
     * Returns the resolved mission slug ({@code mission_slug}; {@code feature_slug} on feature-era hosts).
     *
     * @return the slug
     */
    String missionSlug();

    /**
     * Returns the display-only mission number, kept as the host's text (3.1.1 hosts send a string, later hosts an
     * integer); empty while unassigned. Never use it as identity.
     *
     * @return the mission number, if assigned
     */
    Optional<String> missionNumber();

    /**
     * Returns the mission's blueprint key, e.g. {@code "software-dev"}; empty string when the host has none.
     *
     * @return the mission type
     */
    @Value.Default
    default String missionType() {
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

    /** Builder for {@link MissionIdentity}. */
    final class Builder extends ImmutableMissionIdentity.Builder {}
}
