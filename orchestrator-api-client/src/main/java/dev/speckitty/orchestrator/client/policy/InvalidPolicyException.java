package dev.speckitty.orchestrator.client.policy;

/**
 * Thrown by {@link PolicyMetadata.Builder#build()} when the policy would be refused by the host. The message is the
 * host's own wording and names the offending field; nothing secret is echoed.
 */
public final class InvalidPolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient PolicyViolation violation;

    /**
     * Creates the exception.
     *
     * @param violation what is wrong
     */
    public InvalidPolicyException(PolicyViolation violation) {
        super(violation.message());
        this.violation = violation;
    }

    /**
     * Returns the violation.
     *
     * @return the violation, with the field path and host message
     */
    public PolicyViolation violation() {
        return violation;
    }

    /**
     * Returns the JSON path of the offending field.
     *
     * @return the field path
     */
    public String field() {
        return violation.field();
    }
}
