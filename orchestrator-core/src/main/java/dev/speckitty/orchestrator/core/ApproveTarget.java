package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.client.model.Lane;

/** Where an approved review sends a work package. */
public enum ApproveTarget {
    /** {@code in_review → done}: the WP is complete (the default). */
    DONE(Lane.DONE),
    /** {@code in_review → approved}: integration is left to {@code merge-mission}. */
    APPROVED(Lane.APPROVED);

    private final Lane lane;

    ApproveTarget(Lane lane) {
        this.lane = lane;
    }

    /**
     * Returns the host lane of this target.
     *
     * @return the lane
     */
    public Lane lane() {
        return lane;
    }
}
