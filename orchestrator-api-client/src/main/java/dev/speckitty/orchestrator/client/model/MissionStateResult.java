package dev.speckitty.orchestrator.client.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Result of {@code mission-state} (contract section 4.2).
 */
@Value.Immutable
public interface MissionStateResult extends MissionResult {
    /**
     * Returns the metadata of the envelope this result was decoded from.
     *
     * @return the metadata of the envelope this result was decoded from
     */
    EnvelopeMetadata metadata();

    /**
     * Returns the mission identity block.
     *
     * @return the mission identity block
     */
    MissionIdentity identity();

    /**
     * Returns the host's lane → count summary, keys as sent (counts only WPs with events).
     *
     * @return the host's lane → count summary, keys as sent
     */
    Map<String, Integer> summary();

    /**
     * Returns every known work package, sorted by id.
     *
     * @return every known work package, sorted by id
     */
    List<WorkPackageState> workPackages();

    /**
     * Finds a work package by id.
     *
     * @param wpId the id
     * @return the work package, if the mission has it
     */
    default Optional<WorkPackageState> workPackage(String wpId) {
        return workPackages().stream().filter(w -> w.wpId().equals(wpId)).findFirst();
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link MissionStateResult}. */
    final class Builder extends ImmutableMissionStateResult.Builder {}
}
