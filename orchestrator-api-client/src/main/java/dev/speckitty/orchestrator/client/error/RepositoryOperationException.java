package dev.speckitty.orchestrator.client.error;

/** A git-side operation on the host failed ({@code LANE_ALLOCATION_FAILED}, {@code HISTORY_COMMIT_FAILED}, {@code PREFLIGHT_FAILED}, legacy {@code MERGE_FAILED}, {@code PUSH_FAILED}, {@code SAFE_COMMIT_*}, {@code PLACEMENT_RESOLUTION_REQUIRED}). */
public class RepositoryOperationException extends HostErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param details the envelope's details
     */
    public RepositoryOperationException(Details details) {
        super(details);
    }
}
