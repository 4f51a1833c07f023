package dev.speckitty.orchestrator.client.error;

/** Client and host disagree on the contract ({@code CONTRACT_VERSION_MISMATCH}, {@code UNSUPPORTED_STRATEGY}). */
public class ContractException extends HostErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param details the envelope's details
     */
    public ContractException(Details details) {
        super(details);
    }
}
