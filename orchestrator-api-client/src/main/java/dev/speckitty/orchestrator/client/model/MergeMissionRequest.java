package dev.speckitty.orchestrator.client.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Request of {@code merge-mission} ({@code merge-feature} on feature-era hosts; contract section 4.10).
 */
@Value.Immutable
public interface MergeMissionRequest {
    /**
     * Returns the mission selector; pass the exact directory name under {@code kitty-specs/} (contract section 3.1).
     *
     * @return the mission selector
     */
    String mission();

    /**
     * Returns the {@code --target} branch; the host resolves a default when empty.
     *
     * @return the {@code --target} branch
     */
    Optional<String> target();

    /**
     * Returns the {@code --strategy}; the host's default ({@code merge}) when empty.
     *
     * @return the {@code --strategy}
     */
    Optional<MergeStrategy> strategy();

    /**
     * Returns whether to send {@code --push}.
     *
     * @return whether to send {@code --push}
     */
    @Value.Default
    default boolean push() {
        return false;
    }

    /** Rejects malformed identifiers before any process starts. */
    @Value.Check
    default void check() {
        Identifiers.requireMissionSelector(mission());
        target().ifPresent(t -> Identifiers.requireText("merge target", t, false));
        if (strategy().filter(s -> s == MergeStrategy.UNKNOWN).isPresent()) {
            throw new IllegalArgumentException("merge strategy must be MERGE, SQUASH or REBASE");
        }
    }


    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link MergeMissionRequest}. */
    final class Builder extends ImmutableMergeMissionRequest.Builder {}
}
