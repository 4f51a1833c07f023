package dev.speckitty.orchestrator.core.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The schema-versioned run-state document: the engine's provider-local bookkeeping of one run. The host stays the
 * truth for lanes; this holds attempts, agents tried, logs, review feedback, timings, usage and quarantine. It never
 * holds secrets (the launch options are whatever the caller chose to store; the CLI stores no secrets there).
 */
@Value.Immutable
public interface RunState {
    /** The schema major version this library writes; a file with a higher major version is refused. */
    int SCHEMA_MAJOR = 1;

    /** The schema version string this library writes. */
    String SCHEMA_VERSION = "1.0";

    /**
     * Returns the schema version of the document.
     *
     * @return {@code major.minor}
     */
    @Value.Default
    default String schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * Returns the run id.
     *
     * @return the run id
     */
    String runId();

    /**
     * Returns the mission selector the run drives.
     *
     * @return the mission
     */
    String mission();

    /**
     * Returns the run status.
     *
     * @return the status
     */
    RunStatus status();

    /**
     * Returns when the run started.
     *
     * @return the start
     */
    Instant startedAt();

    /**
     * Returns when the run ended.
     *
     * @return the end, empty while running
     */
    Optional<Instant> endedAt();

    /**
     * Returns the caller's launch options (JSON-able: strings, numbers, booleans, lists and maps of those), kept so
     * that {@code resume} can rebuild the same engine.
     *
     * @return the launch options
     */
    Map<String, Object> launchOptions();

    /**
     * Returns the per-WP records keyed by WP id.
     *
     * @return the WP records
     */
    Map<String, WorkPackageRecord> workPackages();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RunState}. */
    final class Builder extends ImmutableRunState.Builder {}
}
