package dev.speckitty.orchestrator.core;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One thing that happened in a run: a type, the time, the run and mission, the WP and agent when relevant, a
 * human-readable message and string fields. {@link #toJsonLine()} renders it as one JSON object on one line.
 */
@Value.Immutable
public interface OrchestrationEvent {
    /**
     * Returns the event type.
     *
     * @return the type
     */
    EventType type();

    /**
     * Returns when it happened (the engine's clock).
     *
     * @return the time
     */
    Instant timestamp();

    /**
     * Returns the run id.
     *
     * @return the run id
     */
    String runId();

    /**
     * Returns the mission selector.
     *
     * @return the mission
     */
    String mission();

    /**
     * Returns the WP concerned.
     *
     * @return the WP id, if any
     */
    Optional<String> wpId();

    /**
     * Returns the WP's lane after the event, as far as the engine knows.
     *
     * @return the lane wire value, if relevant
     */
    Optional<String> lane();

    /**
     * Returns the agent concerned.
     *
     * @return the agent id, if any
     */
    Optional<String> agent();

    /**
     * Returns the agent role ({@code implementer} or {@code reviewer}).
     *
     * @return the role, if any
     */
    Optional<String> role();

    /**
     * Returns the human-readable message (one line, no secrets).
     *
     * @return the message
     */
    @Value.Default
    default String message() {
        return "";
    }

    /**
     * Returns extra fields (see {@link EventType} for the keys of each type).
     *
     * @return the fields
     */
    Map<String, String> fields();

    /**
     * Renders the event as one line of JSON (no trailing newline): {@code type} (lower case), {@code ts} (ISO-8601),
     * {@code run_id}, {@code mission}, then the optional keys and the fields.
     *
     * @return the JSON line
     */
    default String toJsonLine() {
        return EventJson.render(this);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link OrchestrationEvent}. */
    final class Builder extends ImmutableOrchestrationEvent.Builder {}
}
