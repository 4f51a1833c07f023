package dev.speckitty.orchestrator.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Contract version constants and comparison. */
public final class ContractVersions {
    /** The first contract: every released host speaks at least this. */
    public static final String V1_0_0 = "1.0.0";
    /** Lane worktrees, lane fields and the for_review commit gate. */
    public static final String V1_1_0 = "1.1.0";
    /** {@code resolve-workspace}. */
    public static final String V1_2_0 = "1.2.0";
    /** {@code transition --review-result-json}. */
    public static final String V1_3_0 = "1.3.0";
    /** The newest contract this client knows. */
    public static final String LATEST = V1_3_0;

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    private ContractVersions() {}

    /**
     * Compares two {@code MAJOR.MINOR[.PATCH]} versions numerically.
     *
     * @param a a version
     * @param b another version
     * @return negative, zero or positive as {@code a} is below, equal to or above {@code b}
     * @throws IllegalArgumentException when a version does not start with {@code MAJOR.MINOR}
     */
    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    /**
     * Parses a version into its three numbers.
     *
     * @param version e.g. {@code 1.3.0}
     * @return {major, minor, patch}
     * @throws IllegalArgumentException when the version is not of that form
     */
    public static int[] parse(String version) {
        Matcher m = version == null ? null : VERSION.matcher(version.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a MAJOR.MINOR.PATCH version");
        }
        return new int[] {
            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3))
        };
    }
}
