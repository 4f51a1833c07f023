package dev.speckitty.orchestrator.testkit.agent;

import java.util.Locale;

/** A provider failure a scripted agent can imitate: the text real agent CLIs print and their exit code. */
public enum SimulatedFailure {
    /** Not logged in / invalid API key: exit 41. */
    AUTH(41, "Error: authentication failed: invalid API key. Please log in again (not logged in)."),
    /** Quota or rate limit: exit 42. */
    RATE_LIMIT(42, "Error: 429 Too Many Requests: rate limit exceeded, please retry after 30 seconds.");

    private final int exitCode;
    private final String message;

    SimulatedFailure(int exitCode, String message) {
        this.exitCode = exitCode;
        this.message = message;
    }

    /**
     * Returns the exit code used unless the behaviour sets one explicitly.
     *
     * @return 41 or 42
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Returns the line printed on stderr.
     *
     * @return the message
     */
    public String message() {
        return message;
    }

    /**
     * Returns the spelling used in scenario JSON.
     *
     * @return {@code auth} or {@code rate_limit}
     */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes a failure, ignoring case.
     *
     * @param value {@code auth} or {@code rate_limit}
     * @return the failure
     * @throws IllegalArgumentException for an unknown value
     */
    public static SimulatedFailure fromWire(String value) {
        for (SimulatedFailure f : values()) {
            if (f.wireValue().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("failure '" + value + "' is not known: use auth or rate_limit");
    }
}
