package dev.speckitty.orchestrator.client;

import org.immutables.value.Value;

/**
 * What the client learned about the connected host: its contract version, the minimum provider version it claims,
 * and its vocabulary.
 */
@Value.Immutable
public interface HostInfo {
    /**
     * Returns the host's contract version, e.g. {@code 1.3.0}.
     *
     * @return the contract version
     */
    String contractVersion();

    /**
     * Returns the minimum provider version the host claims to support.
     *
     * @return the minimum provider version
     */
    String minSupportedProviderVersion();

    /**
     * Returns the host's vocabulary; {@link Vocabulary#AUTO} until a 1.0.0 host has been probed.
     *
     * @return the vocabulary
     */
    Vocabulary vocabulary();

    /**
     * Tells whether the host's contract version is at least the given one.
     *
     * @param version a {@code MAJOR.MINOR.PATCH} version
     * @return whether the host is at least that version
     */
    default boolean isAtLeast(String version) {
        return ContractVersions.compare(contractVersion(), version) >= 0;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link HostInfo}. */
    final class Builder extends ImmutableHostInfo.Builder {}
}
