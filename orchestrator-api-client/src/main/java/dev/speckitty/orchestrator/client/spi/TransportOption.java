package dev.speckitty.orchestrator.client.spi;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One option of a command: a long option name without dashes (e.g. {@code mission}) and, unless it is a presence
 * flag such as {@code force}, its value. JSON-valued options carry the whole document as the value.
 */
@Value.Immutable
public interface TransportOption {
    /**
     * Returns the option name without leading dashes, e.g. {@code review-result-json}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the value; empty for a presence flag.
     *
     * @return the value, if any
     */
    Optional<String> value();

    /** Rejects names that are not plain long-option names. */
    @Value.Check
    default void check() {
        if (!name().matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name '" + name() + "' must be lower-case letters, digits and"
                    + " dashes, without leading dashes");
        }
    }

    /**
     * Creates a valued option.
     *
     * @param name the name without dashes
     * @param value the value
     * @return the option
     */
    static TransportOption of(String name, String value) {
        return ImmutableTransportOption.builder().name(name).value(value).build();
    }

    /**
     * Creates a presence flag.
     *
     * @param name the name without dashes
     * @return the option
     */
    static TransportOption flag(String name) {
        return ImmutableTransportOption.builder().name(name).build();
    }
}
