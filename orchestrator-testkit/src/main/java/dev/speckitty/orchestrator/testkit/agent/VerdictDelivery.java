package dev.speckitty.orchestrator.testkit.agent;

import java.util.Locale;

/** How a scripted reviewer hands its verdict to the engine. */
public enum VerdictDelivery {
    /** JSON {@code {"verdict": …, "feedback": …}} written to {@code $SPEC_KITTY_VERDICT_FILE}. */
    FILE,
    /** {@code VERDICT: APPROVED|CHANGES_REQUESTED}, then {@code FEEDBACK:} and the feedback, last on stdout. */
    STDOUT,
    /** No verdict at all (the review did not happen). */
    NONE;

    /**
     * Returns the spelling used in scenario JSON.
     *
     * @return {@code file}, {@code stdout} or {@code none}
     */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes a delivery, ignoring case.
     *
     * @param value the wire value
     * @return the delivery
     * @throws IllegalArgumentException for an unknown value
     */
    public static VerdictDelivery fromWire(String value) {
        for (VerdictDelivery d : values()) {
            if (d.wireValue().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("verdict delivery '" + value + "' is not known: use file, stdout or none");
    }
}
