package dev.speckitty.orchestrator.testkit.host.internal;

import java.util.Map;
import java.util.Set;

/**
 * One injected fault as the runtime applies it (the engine-side copy of the public {@code Fault}).
 *
 * @param command the subcommand or {@code *}
 * @param calls the 1-based call numbers; empty means every call
 * @param kind what happens
 * @param latencyMillis the delay of a latency fault
 * @param errorCode the code of an error fault
 * @param message the message, or {@code null}
 * @param data extra error data
 * @param exitCode the exit code of a schema-gate fault
 * @param afterApply whether the command runs (and changes state) before the fault replaces its answer
 */
public record FaultRule(String command, Set<Integer> calls, Kind kind, long latencyMillis, String errorCode,
        String message, Map<String, Object> data, int exitCode, boolean afterApply) {
    /** What a fault does. */
    public enum Kind {
        /** Delay, then answer normally. */
        LATENCY,
        /** A failure envelope. */
        ERROR,
        /** A traceback, no envelope. */
        CRASH,
        /** Non-JSON stdout. */
        GARBAGE,
        /** Never answer. */
        HANG,
        /** Exit 4/5/6 for mutating commands. */
        SCHEMA_GATE
    }

    /**
     * Tells whether the fault fires for the n-th call of a command.
     *
     * @param subcommand the subcommand
     * @param callNumber the 1-based call number
     * @return whether it fires
     */
    public boolean matches(String subcommand, int callNumber) {
        return (command.equals("*") || command.equals(subcommand)) && (calls.isEmpty() || calls.contains(callNumber));
    }
}
