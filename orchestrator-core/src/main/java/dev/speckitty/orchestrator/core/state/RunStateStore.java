package dev.speckitty.orchestrator.core.state;

import java.util.Optional;

/**
 * Persists the {@link RunState} of a project. Implementations must be thread-safe, write atomically (a reader never
 * sees half a document) and never lose the previous document on a failed write.
 */
public interface RunStateStore {
    /**
     * Loads the stored state.
     *
     * @return the state, or empty when none is stored
     * @throws RunStateException when a document exists but cannot be read (corrupt, newer major schema); the message
     *     says what to do
     */
    Optional<RunState> load();

    /**
     * Stores the state, replacing the previous one atomically.
     *
     * @param state the state, not null
     * @throws RunStateException when it cannot be written
     */
    void save(RunState state);
}
