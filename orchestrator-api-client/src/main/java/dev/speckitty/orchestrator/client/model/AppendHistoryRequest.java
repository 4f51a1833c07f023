package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;

/**
 * Request of {@code append-history}: add a note to a work package's history (contract section 4.8).
 */
@Value.Immutable
public interface AppendHistoryRequest {
    /**
     * Returns the mission selector; pass the exact directory name under {@code kitty-specs/} (contract section 3.1).
     *
     * @return the mission selector
     */
    String mission();

    /**
     * Returns the work package id, e.g. {@code WP01}.
     *
     * @return the work package id, e.g. {@code WP01}
     */
    String wp();

    /**
     * Returns the actor identity recorded on the host's events; compared verbatim for claim ownership.
     *
     * @return the actor identity recorded on the host's events
     */
    String actor();

    /**
     * Returns the note; may be empty.
     *
     * @return the note
     */
    String note();

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
        Identifiers.requireWorkPackageId(wp());
        Identifiers.requireText("actor", actor(), false);
        Identifiers.requireText("note", note(), true);
    }

    /**
     * Creates a request.
     *
     * @param mission the mission
     * @param wp the wp
     * @param actor the actor
     * @param note the note
     * @return the request
     */
    static AppendHistoryRequest of(String mission, String wp, String actor, String note) {
        return builder().mission(mission).wp(wp).actor(actor).note(note).build();
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AppendHistoryRequest}. */
    final class Builder extends ImmutableAppendHistoryRequest.Builder {}
}
