package dev.speckitty.orchestrator.client.model;

import java.util.regex.Pattern;

/**
 * Well-formedness rules for the identifiers a request carries. They exist so that no mission selector, WP id or
 * actor can be mistaken for an option or a path by the host, and so that a typo fails before a process starts.
 */
public final class Identifiers {
    private static final Pattern WP_ID = Pattern.compile("WP\\d{2,}");
    private static final Pattern MISSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Identifiers() {}

    /**
     * Checks a work package id: {@code WP} followed by at least two digits, case-sensitive (contract section 3.3).
     *
     * @param wp the id to check
     * @return {@code wp}
     * @throws IllegalArgumentException naming the problem and the expected form
     */
    public static String requireWorkPackageId(String wp) {
        if (wp == null || !WP_ID.matcher(wp).matches()) {
            throw new IllegalArgumentException("work package id '" + wp
                    + "' is not well formed: expected WP followed by digits, e.g. WP01 (case-sensitive)");
        }
        return wp;
    }

    /**
     * Checks a mission selector: a single safe path segment of letters, digits, '.', '_' and '-' that does not
     * start with '-' or '.' (contract section 3.1; anything else crashes the host).
     *
     * @param mission the selector to check
     * @return {@code mission}
     * @throws IllegalArgumentException naming the problem and the expected form
     */
    public static String requireMissionSelector(String mission) {
        if (mission == null || !MISSION.matcher(mission).matches() || mission.contains("..")) {
            throw new IllegalArgumentException("mission selector '" + mission
                    + "' is not well formed: use the mission's directory name under kitty-specs/, e.g. 042-payments");
        }
        return mission;
    }

    /**
     * Checks a free-text value that will be passed as one argv element (actor, note, reference): it must not
     * contain NUL or other control characters except tab and newline.
     *
     * @param field the field name for the message
     * @param value the value to check
     * @param allowBlank whether an empty or blank value is acceptable
     * @return {@code value}
     * @throws IllegalArgumentException naming the field and the problem
     */
    public static String requireText(String field, String value, boolean allowBlank) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (!allowBlank && value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw new IllegalArgumentException(field + " contains a control character (code " + (int) c
                        + ") that cannot be passed to the host");
            }
        }
        return value;
    }
}
