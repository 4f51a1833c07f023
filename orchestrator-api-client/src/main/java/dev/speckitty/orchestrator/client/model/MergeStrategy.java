package dev.speckitty.orchestrator.client.model;

/** How {@code merge-mission} lands the mission branch on its target (contract section 4.10). */
public enum MergeStrategy {
    /** A merge commit; the host's default. */
    MERGE("merge"),
    /** One squashed commit. */
    SQUASH("squash"),
    /** Rebase onto the target. */
    REBASE("rebase"),
    /** A strategy this client does not know; the raw value is kept beside it. */
    UNKNOWN("unknown");

    private final String wireValue;

    MergeStrategy(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * Returns the host's spelling.
     *
     * @return the wire value, e.g. {@code "squash"}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Decodes a strategy string exactly (the host compares case-sensitively).
     *
     * @param value the wire value; {@code null} decodes to {@link #UNKNOWN}
     * @return the strategy, never {@code null}
     */
    public static MergeStrategy fromWire(String value) {
        for (MergeStrategy s : values()) {
            if (s != UNKNOWN && s.wireValue.equals(value)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
