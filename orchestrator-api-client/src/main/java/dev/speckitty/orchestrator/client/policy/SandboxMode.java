package dev.speckitty.orchestrator.client.policy;

/**
 * Well-known values of {@code sandbox_mode}: What the agent may write. The host does not enumerate this field; any non-secret string
 * passes, so {@link PolicyMetadata.Builder} also takes a plain string.
 */
public enum SandboxMode {
    /** The wire value {@code "workspace_write"}. */
    WORKSPACE_WRITE("workspace_write"),
    /** The wire value {@code "read_only"}. */
    READ_ONLY("read_only"),
    /** The wire value {@code "none"}. */
    NONE("none");

    private final String wireValue;

    SandboxMode(String wireValue) {
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
