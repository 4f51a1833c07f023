package dev.speckitty.orchestrator.testkit.host;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One injected fault: which command, which of its calls (1-based, counted per command across every process that
 * uses the same project), and what happens. Immutable and thread-safe.
 *
 * <pre>{@code
 * Fault.builder().command("start-implementation").addCall(1).kind(FaultKind.ERROR)
 *      .errorCode("LANE_ALLOCATION_FAILED").message("simulated").build();
 * }</pre>
 */
@Value.Immutable
public interface Fault {
    /**
     * Returns the subcommand this fault applies to (e.g. {@code transition}), or {@code *} for every subcommand.
     *
     * @return the subcommand
     */
    String command();

    /**
     * Returns the call numbers (1-based, per command) that fail; empty means every call.
     *
     * @return the call numbers
     */
    Set<Integer> calls();

    /**
     * Returns what happens.
     *
     * @return the kind
     */
    FaultKind kind();

    /**
     * Returns the delay for {@link FaultKind#LATENCY}.
     *
     * @return milliseconds, default 0
     */
    @Value.Default
    default long latencyMillis() {
        return 0;
    }

    /**
     * Returns the error code for {@link FaultKind#ERROR}.
     *
     * @return the code, default {@code TRANSITION_REJECTED}
     */
    @Value.Default
    default String errorCode() {
        return "TRANSITION_REJECTED";
    }

    /**
     * Returns the message for {@link FaultKind#ERROR} (and the text of a crash or garbage output).
     *
     * @return the message, if set
     */
    Optional<String> message();

    /**
     * Returns extra structured data for {@link FaultKind#ERROR}, emitted before {@code message}; values are strings,
     * numbers, booleans, lists or maps.
     *
     * @return the data
     */
    Map<String, Object> data();

    /**
     * Returns the exit code for {@link FaultKind#SCHEMA_GATE}: 4, 5 or 6.
     *
     * @return the exit code, default 4
     */
    @Value.Default
    default int exitCode() {
        return 4;
    }

    /**
     * Tells whether this fault fires for the n-th call of a command.
     *
     * @param subcommand the subcommand
     * @param callNumber the 1-based call number
     * @return whether it fires
     */
    default boolean matches(String subcommand, int callNumber) {
        return (command().equals("*") || command().equals(subcommand))
                && (calls().isEmpty() || calls().contains(callNumber));
    }

    /**
     * Tells whether the command really runs first (its change is made) and the fault then replaces its answer: the
     * caller never learns that the call succeeded, as when a host process is killed, crashes or hangs after it
     * committed. Applies to {@link FaultKind#ERROR}, {@link FaultKind#CRASH}, {@link FaultKind#GARBAGE},
     * {@link FaultKind#HANG} and {@link FaultKind#SCHEMA_GATE}; meaningless for {@link FaultKind#LATENCY} (rejected).
     *
     * @return whether the change is applied before the fault; default false (the fault fires before any change)
     */
    @Value.Default
    default boolean afterApply() {
        return false;
    }

    /** Rejects inconsistent values. */
    @Value.Check
    default void check() {
        if (kind() == FaultKind.SCHEMA_GATE && (exitCode() < 4 || exitCode() > 6)) {
            throw new IllegalArgumentException("schema_gate exit code must be 4, 5 or 6, got " + exitCode());
        }
        if (afterApply() && kind() == FaultKind.LATENCY) {
            throw new IllegalArgumentException("after_apply makes no sense for a latency fault (it always answers)");
        }
        if (latencyMillis() < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        for (Integer n : calls()) {
            if (n < 1) {
                throw new IllegalArgumentException("call numbers are 1-based, got " + n);
            }
        }
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link Fault}. */
    final class Builder extends ImmutableFault.Builder {}
}
