package dev.speckitty.orchestrator.client.policy;

/**
 * Well-known values of {@code network_mode}: What network the agent may reach. The host does not enumerate this field; any non-secret string
 * passes, so {@link PolicyMetadata.Builder} also takes a plain string.
 */
public enum NetworkMode {
    /** The wire value {@code "allowlist"}. */
    ALLOWLIST("allowlist"),
    /** The wire value {@code "none"}. */
    NONE("none"),
    /** The wire value {@code "open"}. */
    OPEN("open");

    private final String wireValue;

    NetworkMode(String wireValue) {
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
