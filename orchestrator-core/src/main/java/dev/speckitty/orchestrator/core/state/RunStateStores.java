package dev.speckitty.orchestrator.core.state;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Factories of {@link RunStateStore}s. */
public final class RunStateStores {
    /** The default state file, relative to the project root. */
    public static final String DEFAULT_RELATIVE_PATH = ".kittify/orchestrator-run-state.json";

    private RunStateStores() {}

    /**
     * Returns a store writing JSON to the given file atomically (temp file, fsync, rename; permissions 0600 where the
     * file system supports POSIX permissions). Loading ignores unknown fields and refuses a newer major schema.
     *
     * @param file the state file; its directory is created on first save
     * @return the store
     */
    public static RunStateStore jsonFile(Path file) {
        return new JsonFileRunStateStore(file);
    }

    /**
     * Returns the JSON store at {@value #DEFAULT_RELATIVE_PATH} under the project root.
     *
     * @param projectRoot the project root
     * @return the store
     */
    public static RunStateStore defaultFor(Path projectRoot) {
        return jsonFile(projectRoot.resolve(DEFAULT_RELATIVE_PATH));
    }

    /**
     * Returns a store that keeps the state in memory (tests, embedding).
     *
     * @return a new empty store
     */
    public static RunStateStore inMemory() {
        AtomicReference<RunState> ref = new AtomicReference<>();
        return new RunStateStore() {
            @Override
            public Optional<RunState> load() {
                return Optional.ofNullable(ref.get());
            }

            @Override
            public void save(RunState state) {
                ref.set(java.util.Objects.requireNonNull(state, "state"));
            }
        };
    }
}
