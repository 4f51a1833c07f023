package dev.speckitty.orchestrator.testkit.host;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One event of a mission's status log as the simulated host stored it: a lane transition
 * ({@code lane_transition}), a history note ({@code annotation}) or a subtask mark ({@code subtask_status}).
 * Immutable and thread-safe.
 */
@Value.Immutable
public interface HostEvent {
    /**
     * Returns the event type: {@code lane_transition}, {@code annotation} or {@code subtask_status}.
     *
     * @return the type
     */
    String type();

    /**
     * Returns the WP the event concerns.
     *
     * @return the WP id
     */
    String wpId();

    /**
     * Returns the lane before a transition.
     *
     * @return the lane, empty for other event types
     */
    Optional<String> fromLane();

    /**
     * Returns the lane after a transition.
     *
     * @return the lane, empty for other event types
     */
    Optional<String> toLane();

    /**
     * Returns who caused the event ({@code --actor}).
     *
     * @return the actor, empty if unrecorded
     */
    Optional<String> actor();

    /**
     * Tells whether the transition was forced.
     *
     * @return whether forced
     */
    @Value.Default
    default boolean force() {
        return false;
    }

    /**
     * Returns the note: the transition reason or the history line.
     *
     * @return the note
     */
    Optional<String> note();

    /**
     * Returns the review reference recorded on a transition.
     *
     * @return the reference
     */
    Optional<String> reviewRef();

    /**
     * Returns the subtask of a subtask mark.
     *
     * @return the subtask id
     */
    Optional<String> subtaskId();

    /**
     * Returns when the event was written (ISO-8601 with {@code +00:00}).
     *
     * @return the timestamp
     */
    String at();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link HostEvent}. */
    final class Builder extends ImmutableHostEvent.Builder {}
}
