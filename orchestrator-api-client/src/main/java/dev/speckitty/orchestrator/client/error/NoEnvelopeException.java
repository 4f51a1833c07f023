package dev.speckitty.orchestrator.client.error;

/**
 * The host exited without printing an envelope (a crash with a traceback, a schema gate, garbage on stdout). Keeps
 * the exit code and the start of stdout and stderr for diagnosis.
 */
public final class NoEnvelopeException extends ClientSideException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final int exitCode;
    private final String stdoutHead;
    private final String stderrHead;

    /**
     * Creates the exception.
     *
     * @param command the subcommand
     * @param exitCode the process exit code
     * @param stdoutHead the start of stdout
     * @param stderrHead the start of stderr
     */
    public NoEnvelopeException(String command, int exitCode, String stdoutHead, String stderrHead) {
        super("orchestrator-api " + command + " exited with code " + exitCode + " without a JSON envelope"
                + hint(exitCode) + summary(stderrHead, stdoutHead), null);
        this.command = command;
        this.exitCode = exitCode;
        this.stdoutHead = stdoutHead;
        this.stderrHead = stderrHead;
    }

    private static String hint(int exitCode) {
        switch (exitCode) {
            case 4:
                return " (the project needs migration: run 'spec-kitty upgrade')";
            case 5:
                return " (the project is newer than this spec-kitty: upgrade spec-kitty-cli)";
            case 6:
                return " (the project's metadata is corrupt)";
            default:
                return "";
        }
    }

    private static String summary(String stderr, String stdout) {
        String source = stderr != null && !stderr.isBlank() ? stderr : stdout;
        if (source == null || source.isBlank()) {
            return "";
        }
        String[] lines = source.strip().split("\\R");
        return "; last output: " + lines[lines.length - 1];
    }

    /**
     * Returns the subcommand.
     *
     * @return the subcommand
     */
    public String command() {
        return command;
    }

    /**
     * Returns the process exit code.
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Returns the start of stdout (size-capped).
     *
     * @return stdout's head, possibly empty
     */
    public String stdoutHead() {
        return stdoutHead;
    }

    /**
     * Returns the start of stderr (size-capped), e.g. a Python traceback.
     *
     * @return stderr's head, possibly empty
     */
    public String stderrHead() {
        return stderrHead;
    }
}
