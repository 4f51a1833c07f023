package dev.speckitty.orchestrator.client.error;

/** The transport failed for another reason (I/O while talking to the host process, interruption). */
public final class TransportFailureException extends ClientSideException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the cause
     */
    public TransportFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
