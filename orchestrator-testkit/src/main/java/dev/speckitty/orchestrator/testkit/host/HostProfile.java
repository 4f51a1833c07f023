package dev.speckitty.orchestrator.testkit.host;

import java.util.Locale;

/**
 * Which host release the simulator imitates (contract section 9). The default is {@link #V1_3_0}, spec-kitty-cli
 * 3.2.6rc3.
 *
 * <p>What each older profile lacks or does differently:
 * <ul>
 *   <li>{@link #V1_2_0} (3.2.4): no {@code --review-result-json} (usage error), so exits from {@code in_review} need
 *       {@code --force --note}; {@code --subtasks-complete} is honoured; structured failure payloads carry no
 *       {@code message}; {@code mission_type} defaults to {@code software-dev}; a second reviewer's
 *       {@code start-review} is {@code WP_ALREADY_CLAIMED}.
 *   <li>{@link #V1_1_0} (3.2.2): as 1.2.0 and no {@code resolve-workspace} command.
 *   <li>{@link #V1_0_0_MISSION} (3.2.0/3.2.1): as 1.1.0 and no lane worktrees: {@code start-implementation} returns
 *       the legacy {@code .worktrees/<mission>-<WP>} path without lane fields, no lane commit gate.
 *   <li>{@link #V1_0_0_FEATURE} (3.0.x): the feature vocabulary ({@code feature-state}, {@code --feature},
 *       {@code accept-feature}, {@code merge-feature}, {@code feature_slug}, {@code FEATURE_NOT_FOUND},
 *       {@code FEATURE_NOT_READY}); mission names are usage errors; no {@code in_review} lane;
 *       {@code start-review} is {@code for_review -> in_progress} with a mandatory {@code --review-ref};
 *       {@code list-ready} has {@code recommended_base} and needs dependencies {@code done}; reaching
 *       {@code approved}/{@code done} needs {@code --force --note}; {@code merge-feature} reports
 *       {@code merged_wps}; no {@code DEPENDENCIES_NOT_SATISFIED} gate.
 * </ul>
 *
 * <p>Simplifications (every profile keeps the event-log state model): {@code append-history} always records an
 * event (hosts before 3.2.6rc1 edited and committed the prompt file); the subtask gate reads subtask marks (hosts up
 * to 3.2.5 read {@code tasks.md} checkboxes, so an honoured {@code --subtasks-complete} is the way to pass it
 * there); feature-era merges integrate the mission branch instead of per-WP worktrees.
 */
public enum HostProfile {
    /** Contract 1.0.0, feature-era vocabulary (host 2.0.10–3.0.3). */
    V1_0_0_FEATURE("1.0.0", "3.0.3"),
    /** Contract 1.0.0, mission vocabulary (host 3.2.0/3.2.1). */
    V1_0_0_MISSION("1.0.0", "3.2.1"),
    /** Contract 1.1.0 (host 3.2.2): lane worktrees. */
    V1_1_0("1.1.0", "3.2.2"),
    /** Contract 1.2.0 (host 3.2.4): {@code resolve-workspace}. */
    V1_2_0("1.2.0", "3.2.4"),
    /** Contract 1.3.0 (host 3.2.6rc3): {@code --review-result-json}; the default. */
    V1_3_0("1.3.0", "3.2.6rc3");

    private final String contractVersion;
    private final String hostRelease;

    HostProfile(String contractVersion, String hostRelease) {
        this.contractVersion = contractVersion;
        this.hostRelease = hostRelease;
    }

    /**
     * Returns the contract version this profile reports, e.g. {@code 1.3.0}.
     *
     * @return the contract version
     */
    public String contractVersion() {
        return contractVersion;
    }

    /**
     * Returns the host release imitated, e.g. {@code 3.2.6rc3}.
     *
     * @return the release
     */
    public String hostRelease() {
        return hostRelease;
    }

    /**
     * Tells whether the profile speaks the feature-era vocabulary.
     *
     * @return whether feature names are used
     */
    public boolean featureEra() {
        return this == V1_0_0_FEATURE;
    }

    /**
     * Tells whether this profile is at least the given one (profiles are ordered by age).
     *
     * @param other the profile to compare with
     * @return whether this profile is the same or newer
     */
    public boolean atLeast(HostProfile other) {
        return ordinal() >= other.ordinal();
    }

    /**
     * Parses a profile name as used in the config file: the enum name ({@code V1_2_0}), a contract version
     * ({@code 1.2.0}; {@code 1.0.0} means the mission era) or {@code 1.0.0-feature}.
     *
     * @param text the name, not {@code null}
     * @return the profile
     * @throws IllegalArgumentException when the name is unknown, listing the accepted names
     */
    public static HostProfile parse(String text) {
        String t = text.trim();
        for (HostProfile p : values()) {
            if (p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        switch (t.toLowerCase(Locale.ROOT)) {
            case "1.3.0":
                return V1_3_0;
            case "1.2.0":
                return V1_2_0;
            case "1.1.0":
                return V1_1_0;
            case "1.0.0":
            case "1.0.0-mission":
                return V1_0_0_MISSION;
            case "1.0.0-feature":
            case "feature":
                return V1_0_0_FEATURE;
            default:
                throw new IllegalArgumentException("unknown host profile '" + text + "'; use one of 1.3.0, 1.2.0, 1.1.0,"
                        + " 1.0.0 (mission era), 1.0.0-feature");
        }
    }
}
