package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Result of {@code contract-version} (contract section 4.1).
 */
@Value.Immutable
public interface ContractVersionResult extends HostResult {
    /**
     * Returns the metadata of the envelope this result was decoded from.
     *
     * @return the metadata of the envelope this result was decoded from
     */
    EnvelopeMetadata metadata();

    /**
     * Returns the host's contract version ({@code api_version}).
     *
     * @return the host's contract version
     */
    String apiVersion();

    /**
     * Returns the minimum provider version the host claims to support.
     *
     * @return the minimum provider version the host claims to support
     */
    String minSupportedProviderVersion();


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ContractVersionResult}. */
    final class Builder extends ImmutableContractVersionResult.Builder {}
}
