package dev.speckitty.orchestrator.client.error;

/** The host could not parse the call ({@code USAGE_ERROR}): a marshalling bug, or a host too old for a command or flag. */
public class UsageErrorException extends HostErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param details the envelope's details
     */
    public UsageErrorException(Details details) {
        super(details);
    }
}
