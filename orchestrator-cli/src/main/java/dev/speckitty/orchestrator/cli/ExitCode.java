package dev.speckitty.orchestrator.cli;

/**
 * The documented, stable exit codes of {@code spec-kitty-orchestrator} (see {@code docs/cli.md}). Scripts may rely
 * on them; new codes may be added, existing ones never change meaning.
 */
public final class ExitCode {
    /** Everything asked for was done (for {@code orchestrate}/{@code resume}: every work package is done). */
    public static final int OK = 0;
    /** The run ended but not every work package is done (blocked, canceled, stalled), or a check failed. */
    public static final int NOT_DONE = 1;
    /** Bad command line or configuration (also: unknown mission, nothing to resume). */
    public static final int USAGE = 2;
    /** The host executable is missing, gives no valid answer, or speaks an incompatible contract. */
    public static final int HOST = 3;
    /**
     * Refused: another orchestrator holds this mission's lock (or another host wrote the lock file), agents left
     * running by a killed orchestrator could not be stopped, or {@code abort} could not stop the holder.
     */
    public static final int LOCKED = 4;
    /** An unexpected internal error (a bug: rerun with --verbose and report it). */
    public static final int INTERNAL = 70;
    /** Interrupted by Ctrl-C or SIGTERM; the run state was saved and {@code resume} continues it. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
