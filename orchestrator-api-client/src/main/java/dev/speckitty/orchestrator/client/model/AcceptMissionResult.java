package dev.speckitty.orchestrator.client.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Result of {@code accept-mission} (contract section 4.9).
 */
@Value.Immutable
public interface AcceptMissionResult extends MissionResult {
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
     * Returns whether acceptance was recorded (always true).
     *
     * @return whether acceptance was recorded
     */
    @Value.Default
    default boolean accepted() {
        return true;
    }

    /**
     * Returns the acceptance mode the host reports (always {@code auto}).
     *
     * @return the acceptance mode the host reports
     */
    @Value.Default
    default String mode() {
        return "auto";
    }

    /**
     * Returns the acceptance instant as the host wrote it.
     *
     * @return the acceptance instant as the host wrote it
     */
    Optional<String> acceptedAt();

    /**
     * Returns approved WPs followed by done WPs (not re-sorted).
     *
     * @return approved WPs followed by done WPs
     */
    List<String> acceptedWps();

    /**
     * Returns WPs approved but not yet merged.
     *
     * @return WPs approved but not yet merged
     */
    List<String> approvedWps();

    /**
     * Returns WPs done.
     *
     * @return WPs done
     */
    List<String> doneWps();

    /**
     * Returns WPs awaiting integration (equal to the approved ones).
     *
     * @return WPs awaiting integration
     */
    List<String> mergePendingWps();


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AcceptMissionResult}. */
    final class Builder extends ImmutableAcceptMissionResult.Builder {}
}
