package dev.speckitty.orchestrator.core.spi;

/** A git operation failed or timed out; the message holds the command and git's error output. */
public class GitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public GitException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the cause
     */
    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
