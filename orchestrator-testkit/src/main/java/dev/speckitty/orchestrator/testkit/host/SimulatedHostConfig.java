package dev.speckitty.orchestrator.testkit.host;


import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * How the simulated host behaves: which host release it imitates, injected faults and per-mission options.
 *
 * <p>In-process hosts take it from {@link SimulatedHost.Builder#config(SimulatedHostConfig)}. The executable (and an
 * in-process host given no config) reads it from the file named by the environment variable
 * {@code SPEC_KITTY_SIM_CONFIG}, else from {@code <project root>/.kittify/sim-host.json}, else uses the defaults.
 * The file format (every key optional):
 *
 * <pre>{@code
 * {
 *   "profile": "1.3.0",                 // 1.3.0 | 1.2.0 | 1.1.0 | 1.0.0 (mission era) | 1.0.0-feature
 *   "unseeded_missions": ["042-demo"],  // missions whose WPs were never finalized (no implicit "planned" seed)
 *   "git_timeout_seconds": 60,
 *   "faults": [
 *     {"command": "start-implementation", "calls": [1], "kind": "error",
 *      "error_code": "LANE_ALLOCATION_FAILED", "message": "simulated", "data": {"reason": "simulated"}},
 *     {"command": "*", "kind": "latency", "latency_ms": 250},
 *     {"command": "transition", "calls": [2, 3], "kind": "crash", "message": "RuntimeError: boom"},
 *     {"command": "mission-state", "calls": [1], "kind": "garbage"},
 *     {"command": "list-ready", "calls": [4], "kind": "hang"},
 *     {"command": "transition", "calls": [5], "kind": "schema_gate", "exit_code": 5},
 *     {"command": "transition", "calls": [6], "kind": "hang", "after_apply": true}  // moved, answer lost
 *   ]
 * }
 * }</pre>
 *
 * <p>Call numbers are 1-based per subcommand and counted in {@code <root>/.kittify/sim-host/calls.json}, so they
 * hold across processes. Schema-gate faults apply only to mutating subcommands, like the real gate. Immutable and
 * thread-safe.
 */
@Value.Immutable
public interface SimulatedHostConfig {
    /** The environment variable naming a config file. */
    String CONFIG_ENV = "SPEC_KITTY_SIM_CONFIG";

    /** The config file's path relative to the project root. */
    String CONFIG_FILE = ".kittify/sim-host.json";

    /**
     * Returns the host release imitated.
     *
     * @return the profile, default {@link HostProfile#V1_3_0}
     */
    @Value.Default
    default HostProfile profile() {
        return HostProfile.V1_3_0;
    }

    /**
     * Returns the injected faults, checked in order (the first matching non-latency fault wins; latency faults add
     * up).
     *
     * @return the faults
     */
    List<Fault> faults();

    /**
     * Returns the mission directory names whose WPs count as never finalized: without events they are
     * {@code genesis} ({@code start-implementation} refuses them, {@code summary} ignores them). Every other
     * mission treats a WP with a prompt file and no events as seeded {@code planned}.
     *
     * @return the directory names
     */
    Set<String> unseededMissions();

    /**
     * Returns the bound on every git command the host runs.
     *
     * @return the timeout, default 60 s
     */
    @Value.Default
    default Duration gitTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * Returns the defaults: profile 1.3.0, no faults.
     *
     * @return the default config
     */
    static SimulatedHostConfig defaults() {
        return builder().build();
    }

    /**
     * Parses the JSON format described on this type.
     *
     * @param json the document
     * @return the config
     * @throws IllegalArgumentException when the document is malformed, naming the offending key
     */
    static SimulatedHostConfig fromJson(String json) {
        return ConfigJson.parse(json);
    }

    /**
     * Finds the config for a project: {@code SPEC_KITTY_SIM_CONFIG} in {@code environment}, else
     * {@code <root>/.kittify/sim-host.json}, else the defaults.
     *
     * @param projectRoot the project root
     * @param environment the environment to read {@code SPEC_KITTY_SIM_CONFIG} from
     * @return the config
     * @throws IllegalArgumentException when a file exists but cannot be read or parsed
     */
    static SimulatedHostConfig forProject(Path projectRoot, Map<String, String> environment) {
        return ConfigJson.forProject(projectRoot, environment).orElseGet(SimulatedHostConfig::defaults);
    }

    /**
     * Reads a config file.
     *
     * @param file the file
     * @return the config, empty when the file does not exist
     * @throws IllegalArgumentException when the file cannot be read or parsed
     */
    static Optional<SimulatedHostConfig> read(Path file) {
        return ConfigJson.read(file);
    }

    /**
     * Renders this config in the file format described on this type (profile names as contract versions, e.g.
     * {@code 1.0.0-feature}).
     *
     * @return the JSON document
     */
    default String toJson() {
        return ConfigJson.write(this);
    }

    /**
     * Writes this config to {@code <projectRoot>/.kittify/sim-host.json}, where the {@code spec-kitty} executable
     * (and an in-process host built without a config) reads it.
     *
     * @param projectRoot the project root
     * @return the file written
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    default Path writeTo(Path projectRoot) {
        return ConfigJson.writeTo(this, projectRoot.resolve(CONFIG_FILE));
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link SimulatedHostConfig}. */
    final class Builder extends ImmutableSimulatedHostConfig.Builder {}
}
