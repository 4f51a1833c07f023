package dev.speckitty.orchestrator.client.error;

/** A mission or work package was not found ({@code MISSION_NOT_FOUND}, {@code FEATURE_NOT_FOUND}, {@code WP_NOT_FOUND}, {@code STATUS_READ_PATH_NOT_FOUND}, {@code MISSION_AMBIGUOUS_SELECTOR}). */
public class NotFoundException extends HostErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param details the envelope's details
     */
    public NotFoundException(Details details) {
        super(details);
    }
}
