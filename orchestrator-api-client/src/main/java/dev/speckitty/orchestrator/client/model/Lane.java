package dev.speckitty.orchestrator.client.model;

import java.util.Locale;

/**
 * A work package's lane as the host reports it (contract section 6.1).
 *
 * <p>Values the host may add later decode to {@link #UNKNOWN}; results that carry a lane also keep the raw wire
 * string ({@code laneAsString()}).
 */
public enum Lane {
    /** Finalized, not started. */
    PLANNED("planned"),
    /** Claimed by an implementer (normally transient inside {@code start-implementation}). */
    CLAIMED("claimed"),
    /** Implementation or rework running. */
    IN_PROGRESS("in_progress"),
    /** Implementation handed off, waiting for a reviewer. */
    FOR_REVIEW("for_review"),
    /** A reviewer is actively reviewing (contract 1.0.0 hosts from 3.1.1 on). */
    IN_REVIEW("in_review"),
    /** Review passed; integration pending. */
    APPROVED("approved"),
    /** Merged or complete; terminal. */
    DONE("done"),
    /** Needs intervention. */
    BLOCKED("blocked"),
    /** Abandoned; terminal. */
    CANCELED("canceled"),
    /** A work package that exists but was never seeded ({@code from_lane} of {@code transition} only). */
    GENESIS("genesis"),
    /** A lane this client does not know; the raw value is kept beside it. */
    UNKNOWN("unknown");

    private final String wireValue;

    Lane(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * Returns the host's spelling of this lane.
     *
     * @return the wire value, e.g. {@code "in_progress"}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Decodes a host lane string. Input is trimmed and lower-cased like the host does, and the historic alias
     * {@code doing} maps to {@link #IN_PROGRESS}.
     *
     * @param value the wire value; {@code null} decodes to {@link #UNKNOWN}
     * @return the lane, never {@code null}
     */
    public static Lane fromWire(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("doing")) {
            return IN_PROGRESS;
        }
        for (Lane lane : values()) {
            if (lane != UNKNOWN && lane.wireValue.equals(normalized)) {
                return lane;
            }
        }
        return UNKNOWN;
    }

    /**
     * Tells whether no further work happens in this lane without a forced transition.
     *
     * @return {@code true} for {@link #DONE} and {@link #CANCELED}
     */
    public boolean isTerminal() {
        return this == DONE || this == CANCELED;
    }

    /**
     * Tells whether a dependency in this lane satisfies its dependents (contract section 6.9: approved or done).
     *
     * @return {@code true} for {@link #APPROVED} and {@link #DONE}
     */
    public boolean satisfiesDependents() {
        return this == APPROVED || this == DONE;
    }

    /**
     * Tells whether a {@code transition} to this lane requires {@code --policy} (contract section 6.4).
     *
     * @return {@code true} for claimed, in_progress, for_review, in_review and approved
     */
    public boolean requiresPolicy() {
        return this == CLAIMED || this == IN_PROGRESS || this == FOR_REVIEW || this == IN_REVIEW || this == APPROVED;
    }
}
