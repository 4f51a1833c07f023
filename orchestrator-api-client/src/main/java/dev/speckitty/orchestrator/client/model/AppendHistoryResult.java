package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Result of {@code append-history} (contract section 4.8).
 */
@Value.Immutable
public interface AppendHistoryResult extends MissionResult {
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
     * Returns the work package id.
     *
     * @return the work package id
     */
    String wpId();

    /**
     * Returns the random {@code hist-…} id of the call (not a lookup key); empty on hosts that do not send it.
     *
     * @return the random {@code hist-…} id of the call
     */
    @Value.Default
    default String historyEntryId() {
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

    /** Builder for {@link AppendHistoryResult}. */
    final class Builder extends ImmutableAppendHistoryResult.Builder {}
}
