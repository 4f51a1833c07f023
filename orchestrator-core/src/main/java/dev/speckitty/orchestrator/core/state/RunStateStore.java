package dev.speckitty.orchestrator.core.state;

import java.util.List;
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

    /**
     * Lists the runs that ended (completed, failed, interrupted, aborted) and were kept by this store, newest first
     * (by end time, else start time). The JSON file store keeps a copy of each ended run under
     * {@code orchestrator-runs/<run-id>.json} next to its state file; copies it cannot read are skipped (logged).
     * The default keeps no history and returns an empty list.
     *
     * @return the past runs, newest first; never null, possibly empty
     * @throws RunStateException when the history cannot be listed at all
     */
    default List<RunState> history() {
        return List.of();
    }
}
