package dev.speckitty.orchestrator.cli.internal;

/**
 * A failure the CLI reports with a short message (no stack trace unless {@code --verbose}) and a documented exit
 * code from {@link dev.speckitty.orchestrator.cli.ExitCode}.
 */
class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
