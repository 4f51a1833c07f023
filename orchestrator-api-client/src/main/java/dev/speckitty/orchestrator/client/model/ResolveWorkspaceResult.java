package dev.speckitty.orchestrator.client.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Result of {@code resolve-workspace} (contract section 4.4).
 */
@Value.Immutable
public interface ResolveWorkspaceResult extends MissionResult {
    /**
     * Returns the metadata of the envelope this result was decoded from.
     *
     * @return the metadata of the envelope this result was decoded from
     */
    EnvelopeMetadata metadata();

    /**
     * Returns the mission identity block.
     *
     * @return the mission identity block
     */
    MissionIdentity identity();

    /**
     * Returns the work package id.
     *
     * @return the work package id
     */
    String wpId();

    /**
     * Returns the absolute workspace path from the host's point of view; it need not exist.
     *
     * @return the absolute workspace path from the host's point of view
     */
    String workspacePath();

    /**
     * Returns the absolute path of the WP prompt file.
     *
     * @return the absolute path of the WP prompt file
     */
    String promptPath();

    /**
     * Returns the lane assignment; present only for lane work packages (contract 1.1.0+).
     *
     * @return the lane assignment
     */
    Optional<LaneAssignment> lane();


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ResolveWorkspaceResult}. */
    final class Builder extends ImmutableResolveWorkspaceResult.Builder {}
}
