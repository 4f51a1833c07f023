package dev.speckitty.orchestrator.client.error;

/**
 * Every {@code error_code} of the host contract, current and legacy (contract section 8), with its category and
 * whether it depends on host state (re-read {@code mission-state}, then decide) rather than on the caller.
 *
 * <p>Codes this client does not know decode to {@link #UNKNOWN}; the raw string is always kept on the exception.
 */
public enum ErrorCode {
    /** Parser or option-decoding failure. */
    USAGE_ERROR(ErrorCategory.USAGE, false),
    /** {@code --policy} missing or empty. */
    POLICY_METADATA_REQUIRED(ErrorCategory.POLICY, false),
    /** {@code --policy} refused by the host's rules. */
    POLICY_VALIDATION_FAILED(ErrorCategory.POLICY, false),
    /** Provider version invalid or below the host's minimum. */
    CONTRACT_VERSION_MISMATCH(ErrorCategory.CONTRACT, false),
    /** No mission matches the selector. */
    MISSION_NOT_FOUND(ErrorCategory.NOT_FOUND, false),
    /** Feature-era spelling of {@link #MISSION_NOT_FOUND}. */
    FEATURE_NOT_FOUND(ErrorCategory.NOT_FOUND, false),
    /** A coordination mission's status read path could not be established. */
    STATUS_READ_PATH_NOT_FOUND(ErrorCategory.NOT_FOUND, false),
    /** Documented by the host but produced as a crash instead; kept for future hosts. */
    MISSION_AMBIGUOUS_SELECTOR(ErrorCategory.NOT_FOUND, false),
    /** No prompt file for the work package. */
    WP_NOT_FOUND(ErrorCategory.NOT_FOUND, false),
    /** A dependency is not approved or done yet. */
    DEPENDENCIES_NOT_SATISFIED(ErrorCategory.STATE_CONFLICT, true),
    /** The lane worktree could not be created or reused. */
    LANE_ALLOCATION_FAILED(ErrorCategory.REPOSITORY, true),
    /** Another actor holds the claim. */
    WP_ALREADY_CLAIMED(ErrorCategory.STATE_CONFLICT, true),
    /** The lane move is not allowed now (edge, guard, gate). */
    TRANSITION_REJECTED(ErrorCategory.STATE_CONFLICT, true),
    /** The history note could not be written. */
    HISTORY_COMMIT_FAILED(ErrorCategory.REPOSITORY, true),
    /** Not every work package is approved or done. */
    MISSION_NOT_READY(ErrorCategory.STATE_CONFLICT, true),
    /** Feature-era spelling of {@link #MISSION_NOT_READY}. */
    FEATURE_NOT_READY(ErrorCategory.STATE_CONFLICT, true),
    /** The mission changes workflows and lacks a recorded GitHub Actions run. */
    WORKFLOW_EVIDENCE_REQUIRED(ErrorCategory.STATE_CONFLICT, false),
    /** Merge strategy not supported. */
    UNSUPPORTED_STRATEGY(ErrorCategory.CONTRACT, false),
    /** Merge preflight or execution failed. */
    PREFLIGHT_FAILED(ErrorCategory.REPOSITORY, true),
    /** Legacy (feature-era) merge failure. */
    MERGE_FAILED(ErrorCategory.REPOSITORY, true),
    /** Legacy (feature-era) push failure. */
    PUSH_FAILED(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure (hosts 3.2.0rc29–3.2.5). */
    SAFE_COMMIT_BACKSTOP(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_DESTINATION_NOT_FOUND(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_DESTINATION_REF_SHAPE(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_EMPTY_CHANGESET(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_GENERIC(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_HEAD_MISMATCH(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_NOT_A_WORKTREE(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_PROTECTED_BRANCH(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_PATH_POLICY(ErrorCategory.REPOSITORY, true),
    /** Legacy safe-commit failure. */
    SAFE_COMMIT_RECOVERY_FAILED(ErrorCategory.REPOSITORY, true),
    /** Legacy append-history failure (host 3.2.5). */
    PLACEMENT_RESOLUTION_REQUIRED(ErrorCategory.REPOSITORY, false),
    /** A code this client does not know. */
    UNKNOWN(ErrorCategory.UNKNOWN, false);

    private final ErrorCategory category;
    private final boolean stateDependent;

    ErrorCode(ErrorCategory category, boolean stateDependent) {
        this.category = category;
        this.stateDependent = stateDependent;
    }

    /**
     * Returns the category.
     *
     * @return the category
     */
    public ErrorCategory category() {
        return category;
    }

    /**
     * Tells whether the failure depends on host state, so that retrying after re-reading the state may succeed
     * (contract section 8, retry guidance). Caller bugs and configuration errors return {@code false}.
     *
     * @return whether the code is state-dependent
     */
    public boolean isStateDependent() {
        return stateDependent;
    }

    /**
     * Decodes a wire code.
     *
     * @param code the raw {@code error_code}; {@code null} decodes to {@link #UNKNOWN}
     * @return the code, never {@code null}
     */
    public static ErrorCode fromWire(String code) {
        if (code != null) {
            for (ErrorCode c : values()) {
                if (c != UNKNOWN && c.name().equals(code)) {
                    return c;
                }
            }
        }
        return UNKNOWN;
    }
}
