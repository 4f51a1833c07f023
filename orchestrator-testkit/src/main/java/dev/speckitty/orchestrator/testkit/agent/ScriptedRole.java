package dev.speckitty.orchestrator.testkit.agent;

import java.util.Locale;

/** The role an agent run plays, as the engine passes it in {@code SPEC_KITTY_ROLE}. */
public enum ScriptedRole {
    /** Implements the work package. */
    IMPLEMENTER,
    /** Reviews the work package and gives a verdict. */
    REVIEWER;

    /**
     * Returns the spelling used in the environment and in scenario JSON.
     *
     * @return {@code implementer} or {@code reviewer}
     */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes a role, ignoring case.
     *
     * @param value {@code implementer} or {@code reviewer}
     * @return the role
     * @throws IllegalArgumentException for anything else (including null)
     */
    public static ScriptedRole fromWire(String value) {
        for (ScriptedRole r : values()) {
            if (r.wireValue().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + value + "' is not known: use implementer or reviewer");
    }
}
