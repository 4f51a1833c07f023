package dev.speckitty.orchestrator.client.model;

import java.time.OffsetDateTime;
import org.immutables.value.Value;

/**
 * The metadata of the host envelope a result was decoded from (contract section 2).
 */
@Value.Immutable
public interface EnvelopeMetadata {
    /**
     * Returns the envelope's {@code command}, e.g. {@code "orchestrator-api.transition"}.
     *
     * @return the command echo
     */
    String command();

    /**
     * Returns the host's contract version, e.g. {@code "1.3.0"}.
     *
     * @return the contract version
     */
    String contractVersion();

    /**
     * Returns the host's response time.
     *
     * @return the timestamp
     */
    OffsetDateTime timestamp();

    /**
     * Returns the host's per-response correlation id ({@code corr-} + 32 hex digits).
     *
     * @return the correlation id
     */
    String correlationId();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link EnvelopeMetadata}. */
    final class Builder extends ImmutableEnvelopeMetadata.Builder {}
}
