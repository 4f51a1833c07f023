package dev.speckitty.orchestrator.client.model;

/** Common view of every result about one mission: the envelope metadata and the mission identity block. */
public interface MissionResult extends HostResult {
    /**
     * Returns the mission identity block (contract section 3.2).
     *
     * @return the identity
     */
    MissionIdentity identity();
}
