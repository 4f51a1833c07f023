package dev.speckitty.orchestrator.client.error;

/**
 * The host exited without printing an envelope (a crash with a traceback, a schema gate, garbage on stdout). Keeps
 * the exit code and excerpts of stdout and stderr for diagnosis: the whole text when short, else its start and its
 * end (a Python traceback ends with the error, so the end is kept).
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
     * @param stdoutHead an excerpt of stdout (the whole text, or its start and end)
     * @param stderrHead an excerpt of stderr (the whole text, or its start and end)
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
                return " (the host crashed or printed no envelope; the command may or may not have taken effect, so"
                        + " re-read mission-state before retrying, and report the host error below if it persists)";
        }
    }

    private static String summary(String stderr, String stdout) {
        String source = stderr != null && !stderr.isBlank() ? stderr : stdout;
        if (source == null || source.isBlank()) {
            return "";
        }
        // The error is on the last lines; a traceback box (rich) or frame lines above it are noise.
        String[] lines = source.strip().split("\\R");
        java.util.Deque<String> tail = new java.util.ArrayDeque<>();
        for (int i = lines.length - 1; i >= 0 && tail.size() < 3; i--) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!tail.isEmpty() && (line.startsWith("\u2502") || line.startsWith("\u2570") || line.startsWith("File \"")
                    || line.startsWith("Traceback"))) {
                break;
            }
            tail.addFirst(line);
        }
        return "; last output: " + String.join(" ", tail);
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
     * @return an excerpt of stdout (whole, or start and end), possibly empty
     */
    public String stdoutHead() {
        return stdoutHead;
    }

    /**
     * Returns the start of stderr (size-capped), e.g. a Python traceback.
     *
     * @return an excerpt of stderr (whole, or start and end), possibly empty
     */
    public String stderrHead() {
        return stderrHead;
    }
}
