package dev.speckitty.orchestrator.client.error;

/**
 * No trustworthy envelope exists for the call: the host could not be started, timed out, printed no envelope, or
 * the client refused the call before starting it. Whether the host acted is unknown for timeouts and missing
 * envelopes: re-read the mission state before retrying a mutation.
 */
public abstract class ClientSideException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     * @param cause the cause, may be {@code null}
     */
    protected ClientSideException(String message, Throwable cause) {
        super(message, cause);
    }
}
