package dev.speckitty.orchestrator.testkit.host.internal;

/** The host releases the engine imitates (mirrors the public {@code HostProfile}, constant for constant). */
public enum Profile {
    /** Contract 1.0.0, feature vocabulary. */
    V1_0_0_FEATURE("1.0.0", "3.0.3"),
    /** Contract 1.0.0, mission vocabulary. */
    V1_0_0_MISSION("1.0.0", "3.2.1"),
    /** Contract 1.1.0. */
    V1_1_0("1.1.0", "3.2.2"),
    /** Contract 1.2.0. */
    V1_2_0("1.2.0", "3.2.4"),
    /** Contract 1.3.0. */
    V1_3_0("1.3.0", "3.2.6rc3");

    private final String contractVersion;
    private final String hostRelease;

    Profile(String contractVersion, String hostRelease) {
        this.contractVersion = contractVersion;
        this.hostRelease = hostRelease;
    }

    /**
     * Returns the contract version reported.
     *
     * @return the version
     */
    public String contractVersion() {
        return contractVersion;
    }

    /**
     * Returns the host release imitated.
     *
     * @return the release
     */
    public String hostRelease() {
        return hostRelease;
    }

    /**
     * Tells whether the feature vocabulary is spoken.
     *
     * @return whether feature era
     */
    public boolean featureEra() {
        return this == V1_0_0_FEATURE;
    }

    /**
     * Tells whether this profile is the same as or newer than another.
     *
     * @param other the other profile
     * @return whether at least {@code other}
     */
    public boolean atLeast(Profile other) {
        return ordinal() >= other.ordinal();
    }
}
