package dev.speckitty.orchestrator.client.error;

/**
 * The client refused, before starting a process, a command or flag the connected host is too old for (for example
 * {@code resolve-workspace} below contract 1.2.0 or {@code --review-result-json} below 1.3.0), or a host whose
 * contract version is outside the client's supported range.
 */
public final class UnsupportedByHostException extends ClientSideException {
    private static final long serialVersionUID = 1L;

    private final String feature;
    private final String hostContractVersion;
    private final String requiredContractVersion;

    /**
     * Creates the exception.
     *
     * @param feature the command or flag, e.g. {@code transition --review-result-json}
     * @param hostContractVersion the host's contract version
     * @param requiredContractVersion what the feature needs, e.g. {@code >= 1.3.0}
     */
    public UnsupportedByHostException(String feature, String hostContractVersion, String requiredContractVersion) {
        this(feature, hostContractVersion, requiredContractVersion, "upgrade spec-kitty-cli on the host");
    }

    /**
     * Creates the exception with specific advice, e.g. for a host that is too new rather than too old.
     *
     * @param feature the command or flag, e.g. {@code orchestrator-api}
     * @param hostContractVersion the host's contract version as it sent it
     * @param requiredContractVersion what the feature needs, e.g. {@code >= 1.0.0 and < 2.0.0}
     * @param advice what the user should do, appended to the message
     */
    public UnsupportedByHostException(String feature, String hostContractVersion, String requiredContractVersion,
            String advice) {
        super(feature + " needs host contract " + requiredContractVersion + " but the host speaks "
                + hostContractVersion + "; " + advice, null);
        this.feature = feature;
        this.hostContractVersion = hostContractVersion;
        this.requiredContractVersion = requiredContractVersion;
    }

    /**
     * Returns the refused command or flag.
     *
     * @return the feature
     */
    public String feature() {
        return feature;
    }

    /**
     * Returns the host's contract version (or host era description).
     *
     * @return the host's version
     */
    public String hostContractVersion() {
        return hostContractVersion;
    }

    /**
     * Returns the requirement that was not met.
     *
     * @return the requirement, e.g. {@code >= 1.3.0}
     */
    public String requiredContractVersion() {
        return requiredContractVersion;
    }
}
