package dev.speckitty.orchestrator.client.error;

/** The few groups host error codes fall into; each maps to one {@link HostErrorException} subclass. */
public enum ErrorCategory {
    /** The call was malformed ({@code USAGE_ERROR}): a client bug or a host too old for a flag. */
    USAGE,
    /** The policy metadata was missing or refused. */
    POLICY,
    /** A mission or work package could not be found. */
    NOT_FOUND,
    /** The host's state does not allow the operation now (claims, lanes, dependencies, readiness). */
    STATE_CONFLICT,
    /** Client and host disagree on the contract (versions, unsupported strategy). */
    CONTRACT,
    /** A git-side operation failed: lane allocation, history commit, merge preflight or execution. */
    REPOSITORY,
    /** A code this client does not know. */
    UNKNOWN
}
