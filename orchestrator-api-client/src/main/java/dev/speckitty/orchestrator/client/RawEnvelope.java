package dev.speckitty.orchestrator.client;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A decoded envelope as the host sent it, for diagnostics and for commands the typed API does not cover yet.
 * Returned by {@link RawClient} whatever {@code success} says.
 */
@Value.Immutable
public interface RawEnvelope {
    /**
     * Returns {@code contract_version}.
     *
     * @return the contract version
     */
    String contractVersion();

    /**
     * Returns {@code command}.
     *
     * @return the command echo
     */
    String command();

    /**
     * Returns {@code timestamp} as sent.
     *
     * @return the timestamp text
     */
    String timestamp();

    /**
     * Returns {@code correlation_id}.
     *
     * @return the correlation id
     */
    String correlationId();

    /**
     * Returns {@code success}.
     *
     * @return whether the command succeeded
     */
    boolean success();

    /**
     * Returns {@code error_code}.
     *
     * @return the error code; empty on success
     */
    Optional<String> errorCode();

    /**
     * Returns {@code data} as plain Java values (maps, lists, strings, numbers, booleans, {@code null}s).
     *
     * @return an unmodifiable map in the host's key order; JSON {@code null} values are kept as {@code null}
     */
    @AllowNulls
    Map<String, Object> data();

    /**
     * Returns {@code data} as compact JSON text.
     *
     * @return the JSON
     */
    String dataJson();

    /**
     * Returns the process exit code.
     *
     * @return the exit code
     */
    int exitCode();

    /**
     * Returns the host's stderr (size-capped), e.g. validation warnings.
     *
     * @return stderr, possibly empty
     */
    String stderr();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RawEnvelope}. */
    final class Builder extends ImmutableRawEnvelope.Builder {}
}
