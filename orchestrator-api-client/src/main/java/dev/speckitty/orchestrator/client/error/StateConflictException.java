package dev.speckitty.orchestrator.client.error;

/** The host's state does not allow the operation now ({@code WP_ALREADY_CLAIMED}, {@code TRANSITION_REJECTED}, {@code DEPENDENCIES_NOT_SATISFIED}, {@code MISSION_NOT_READY}, {@code FEATURE_NOT_READY}, {@code WORKFLOW_EVIDENCE_REQUIRED}). Re-read the mission state before deciding. */
public class StateConflictException extends HostErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param details the envelope's details
     */
    public StateConflictException(Details details) {
        super(details);
    }
}
