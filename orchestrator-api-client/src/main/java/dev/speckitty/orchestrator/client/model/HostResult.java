package dev.speckitty.orchestrator.client.model;

/** Common view of every command result: the envelope it was decoded from. */
public interface HostResult {
    /**
     * Returns the metadata of the envelope this result was decoded from.
     *
     * @return the metadata
     */
    EnvelopeMetadata metadata();
}
