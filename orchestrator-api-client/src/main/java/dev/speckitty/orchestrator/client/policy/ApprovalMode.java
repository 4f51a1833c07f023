package dev.speckitty.orchestrator.client.policy;

/**
 * Well-known values of {@code approval_mode}: How much the agent may do without asking. The host does not enumerate this field; any non-secret string
 * passes, so {@link PolicyMetadata.Builder} also takes a plain string.
 */
public enum ApprovalMode {
    /** The wire value {@code "full_auto"}. */
    FULL_AUTO("full_auto"),
    /** The wire value {@code "interactive"}. */
    INTERACTIVE("interactive"),
    /** The wire value {@code "supervised"}. */
    SUPERVISED("supervised");

    private final String wireValue;

    ApprovalMode(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * Returns the wire value.
     *
     * @return the string sent in {@code --policy}
     */
    public String wireValue() {
        return wireValue;
    }
}
