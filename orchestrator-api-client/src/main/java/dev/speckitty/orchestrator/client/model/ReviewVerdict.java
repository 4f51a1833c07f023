package dev.speckitty.orchestrator.client.model;

/** The outcome of a review as the host records it (contract section 6.6). */
public enum ReviewVerdict {
    /** The work is accepted. */
    APPROVED("approved"),
    /** The reviewer asks for rework. */
    CHANGES_REQUESTED("changes_requested"),
    /** A verdict this client does not know. Never sent to a host. */
    UNKNOWN("unknown");

    private final String wireValue;

    ReviewVerdict(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * Returns the host's spelling.
     *
     * @return the wire value, e.g. {@code "changes_requested"}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Decodes a verdict string exactly.
     *
     * @param value the wire value; {@code null} decodes to {@link #UNKNOWN}
     * @return the verdict, never {@code null}
     */
    public static ReviewVerdict fromWire(String value) {
        for (ReviewVerdict v : values()) {
            if (v != UNKNOWN && v.wireValue.equals(value)) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
