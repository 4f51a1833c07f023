package dev.speckitty.orchestrator.client.error;

/**
 * Root of every exception the client throws. Unchecked: callers catch the branch they can act on,
 * {@link HostErrorException} (the host answered no) or {@link ClientSideException} (no trustworthy answer).
 */
public abstract class OrchestratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     * @param cause the cause, may be {@code null}
     */
    protected OrchestratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
