package dev.speckitty.orchestrator.core.spi;

import java.util.Optional;
import org.immutables.value.Value;

/** The result of {@link GitOperations#check(java.nio.file.Path)}. */
@Value.Immutable
public interface WorkspaceCheck {
    /**
     * Tells whether the directory exists.
     *
     * @return whether it exists
     */
    boolean exists();

    /**
     * Tells whether it is inside a git work tree.
     *
     * @return whether it is a work tree
     */
    boolean gitWorkTree();

    /**
     * Returns the checked-out branch.
     *
     * @return the branch, empty when detached or not a work tree
     */
    Optional<String> branch();

    /**
     * Tells whether the work tree has uncommitted changes.
     *
     * @return whether it is dirty
     */
    @Value.Default
    default boolean dirty() {
        return false;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link WorkspaceCheck}. */
    final class Builder extends ImmutableWorkspaceCheck.Builder {}
}
