package dev.speckitty.orchestrator.client.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A semantic request to run one {@code orchestrator-api} subcommand: the subcommand, its options in order, the
 * timeout and the project root. How it reaches the host (argv, HTTP, in-process) is the transport's business.
 */
@Value.Immutable
public interface TransportRequest {
    /**
     * Returns the subcommand, e.g. {@code mission-state}.
     *
     * @return the subcommand
     */
    String command();

    /**
     * Returns the options in the order to send them.
     *
     * @return the options
     */
    List<TransportOption> options();

    /**
     * Returns how long the call may take before it is abandoned and its process killed.
     *
     * @return a positive timeout
     */
    Duration timeout();

    /**
     * Returns the project root to run in (working directory and {@code SPECIFY_REPO_ROOT}); the transport's own
     * default when empty.
     *
     * @return the project root, if set
     */
    Optional<Path> projectRoot();

    /**
     * Returns the value of the first option with this name.
     *
     * @param name the option name without dashes
     * @return the value; empty when absent or a flag
     */
    default Optional<String> option(String name) {
        return options().stream().filter(o -> o.name().equals(name)).findFirst().flatMap(TransportOption::value);
    }

    /**
     * Tells whether an option or flag with this name is present.
     *
     * @param name the option name without dashes
     * @return whether it is present
     */
    default boolean has(String name) {
        return options().stream().anyMatch(o -> o.name().equals(name));
    }

    /** Rejects a non-positive timeout and a blank subcommand. */
    @Value.Check
    default void check() {
        if (timeout().isNegative() || timeout().isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout());
        }
        if (!command().matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("subcommand '" + command() + "' is not a plain subcommand name");
        }
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link TransportRequest}. */
    final class Builder extends ImmutableTransportRequest.Builder {}
}
