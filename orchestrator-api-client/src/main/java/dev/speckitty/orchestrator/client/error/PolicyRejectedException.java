package dev.speckitty.orchestrator.client.error;

/** The host refused or missed the policy ({@code POLICY_METADATA_REQUIRED}, {@code POLICY_VALIDATION_FAILED}). */
public class PolicyRejectedException extends HostErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param details the envelope's details
     */
    public PolicyRejectedException(Details details) {
        super(details);
    }
}
