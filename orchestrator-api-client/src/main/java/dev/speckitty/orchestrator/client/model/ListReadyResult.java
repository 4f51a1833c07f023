package dev.speckitty.orchestrator.client.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * Result of {@code list-ready} (contract section 4.3).
 */
@Value.Immutable
public interface ListReadyResult extends MissionResult {
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
     * Returns the work packages that may start now, in file order.
     *
     * @return the work packages that may start now, in file order
     */
    List<ReadyWorkPackage> readyWorkPackages();


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ListReadyResult}. */
    final class Builder extends ImmutableListReadyResult.Builder {}
}
