package dev.speckitty.orchestrator.testkit.host;

import java.util.Locale;

/** What an injected {@link Fault} does to a call. */
public enum FaultKind {
    /** Waits {@link Fault#latencyMillis()} and then answers normally. */
    LATENCY,
    /** Answers with a failure envelope carrying {@link Fault#errorCode()} and {@link Fault#message()}; nothing changes. */
    ERROR,
    /** Prints a Python-like traceback on stderr, nothing on stdout, exit 1; nothing changes. */
    CRASH,
    /** Prints non-JSON text on stdout, exit 1; nothing changes. */
    GARBAGE,
    /** Never answers: sleeps until the process is killed (in-process: until the call's timeout). */
    HANG,
    /** The schema gate refuses a mutating command: empty stdout, explanation on stderr, exit 4, 5 or 6. */
    SCHEMA_GATE;

    /**
     * Parses a lower- or upper-case name ({@code schema_gate} or {@code schema-gate}).
     *
     * @param text the name
     * @return the kind
     * @throws IllegalArgumentException when unknown
     */
    public static FaultKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault kind '" + text + "'; use latency, error, crash, garbage,"
                    + " hang or schema_gate", e);
        }
    }
}
