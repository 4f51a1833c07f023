package dev.speckitty.orchestrator.core.state;

/** The run state could not be read or written; the message names the file and what to do. */
public class RunStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to fix it
     * @param cause the cause, may be null
     */
    public RunStateException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to fix it
     */
    public RunStateException(String message) {
        super(message);
    }
}
