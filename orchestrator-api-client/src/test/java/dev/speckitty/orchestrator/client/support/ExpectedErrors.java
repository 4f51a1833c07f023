package dev.speckitty.orchestrator.client.support;

import dev.speckitty.orchestrator.client.error.ContractException;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.error.NotFoundException;
import dev.speckitty.orchestrator.client.error.PolicyRejectedException;
import dev.speckitty.orchestrator.client.error.RepositoryOperationException;
import dev.speckitty.orchestrator.client.error.StateConflictException;
import dev.speckitty.orchestrator.client.error.UsageErrorException;

/** The exception class each wire error code must map to, written down independently of the main code. */
public final class ExpectedErrors {
    private ExpectedErrors() {}

    public static Class<? extends HostErrorException> classFor(String code) {
        if (code.equals("USAGE_ERROR")) {
            return UsageErrorException.class;
        }
        if (code.startsWith("POLICY_")) {
            return PolicyRejectedException.class;
        }
        if (code.equals("CONTRACT_VERSION_MISMATCH") || code.equals("UNSUPPORTED_STRATEGY")) {
            return ContractException.class;
        }
        if (code.endsWith("_NOT_FOUND") && !code.startsWith("SAFE_COMMIT_") || code.equals("MISSION_AMBIGUOUS_SELECTOR")) {
            return NotFoundException.class;
        }
        switch (code) {
            case "DEPENDENCIES_NOT_SATISFIED":
            case "WP_ALREADY_CLAIMED":
            case "TRANSITION_REJECTED":
            case "MISSION_NOT_READY":
            case "FEATURE_NOT_READY":
            case "WORKFLOW_EVIDENCE_REQUIRED":
                return StateConflictException.class;
            case "LANE_ALLOCATION_FAILED":
            case "HISTORY_COMMIT_FAILED":
            case "PREFLIGHT_FAILED":
            case "MERGE_FAILED":
            case "PUSH_FAILED":
            case "PLACEMENT_RESOLUTION_REQUIRED":
                return RepositoryOperationException.class;
            default:
                return code.startsWith("SAFE_COMMIT_") ? RepositoryOperationException.class : HostErrorException.class;
        }
    }
}
