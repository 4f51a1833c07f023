package dev.speckitty.orchestrator.client.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Request of {@code contract-version} (contract section 4.1).
 */
@Value.Immutable
public interface ContractVersionRequest {
    /**
     * Returns the provider version to announce with {@code --provider-version}; the client's own version when empty.
     *
     * @return the provider version to announce with {@code --provider-version}
     */
    Optional<String> providerVersion();

    /**
     * Creates a request that announces the client's own version.
     *
     * @return the request
     */
    static ContractVersionRequest ofClientVersion() {
        return builder().build();
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ContractVersionRequest}. */
    final class Builder extends ImmutableContractVersionRequest.Builder {}
}
