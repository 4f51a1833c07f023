package dev.speckitty.orchestrator.testkit.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The script of a {@link ScriptedAgentMain} run: default behaviour, rules per WP / role / attempt, and where to
 * log. Serialise it with {@link #writeTo(Path)} and point the agent at the file with
 * {@code SCRIPTED_AGENT_SCENARIO=<file>} or {@code --scenario <file>}.
 *
 * <pre>{@code
 * AgentScenario scenario = AgentScenario.builder()
 *         .defaults(AgentBehavior.builder().durationMillis(50L).build())
 *         .when("WP02", ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
 *                 .verdict(ReviewVerdict.CHANGES_REQUESTED).feedback("Add tests for {wp}.").build())
 *         .logFile(dir.resolve("agents.jsonl").toString())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Relative paths in the scenario are resolved against the directory of the scenario
 * file.
 */
@Value.Immutable
public interface AgentScenario {
    /**
     * Returns the behaviour every run starts from, before rules apply. Default: nothing set.
     *
     * @return the defaults
     */
    @Value.Default
    default AgentBehavior defaults() {
        return AgentBehavior.defaults();
    }

    /**
     * Returns the rules in order; every matching rule is overlaid on the defaults, later rules winning field by
     * field.
     *
     * @return the rules
     */
    java.util.List<AgentRule> rules();

    /**
     * Returns the JSON-lines file every run appends its start and end records to (env {@code SCRIPTED_AGENT_LOG}
     * takes precedence).
     *
     * @return the log file, if any
     */
    Optional<String> logFile();

    /**
     * Returns the directory where runs record the prompt they read from stdin (and a copy of the prompt file), as
     * {@code <WP>-<role>-attempt-<n>.stdin.txt} / {@code .prompt.txt}. Env {@code SCRIPTED_AGENT_PROMPT_DIR} takes
     * precedence.
     *
     * @return the directory, if any
     */
    Optional<String> promptRecordDirectory();

    /**
     * Returns the {@code spec-kitty} executable used for {@code mark-status}. Env {@code SPEC_KITTY_BIN} takes
     * precedence; default {@code spec-kitty} from {@code PATH}.
     *
     * @return the executable, if set
     */
    Optional<String> specKittyBin();

    /**
     * Returns the behaviour for one run: the defaults overlaid with every matching rule in order. Fields left unset
     * take the built-in defaults documented on {@link AgentBehavior}.
     *
     * @param wp the WP id
     * @param role the role
     * @param attempt the 1-based attempt
     * @return the merged behaviour
     */
    default AgentBehavior resolve(String wp, ScriptedRole role, int attempt) {
        AgentBehavior result = defaults();
        for (AgentRule rule : rules()) {
            if (rule.matches(wp, role, attempt)) {
                result = result.overlay(rule.behavior());
            }
        }
        return result;
    }

    /**
     * Returns the scenario as JSON (snake_case keys; see the project docs for the schema).
     *
     * @return the JSON text
     */
    default String toJson() {
        return ScenarioJson.write(this);
    }

    /**
     * Parses a scenario written by {@link #toJson()} or by hand. Unknown keys are rejected so typos surface.
     *
     * @param json the JSON text
     * @return the scenario
     * @throws IllegalArgumentException naming the bad field and the expected form
     */
    static AgentScenario fromJson(String json) {
        return ScenarioJson.read(json);
    }

    /**
     * Writes the scenario as JSON, atomically (temporary file, then move).
     *
     * @param file the target file; parent directories are created
     * @return {@code file}
     * @throws UncheckedIOException if the write fails
     */
    default Path writeTo(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".scenario", ".tmp");
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scenario " + file, e);
        }
    }

    /**
     * Reads a scenario file.
     *
     * @param file the file
     * @return the scenario
     * @throws IllegalArgumentException if the JSON is malformed (the message names the file and field)
     * @throws UncheckedIOException if the file cannot be read
     */
    static AgentScenario readFrom(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario " + file + ": " + e.getMessage(), e);
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

    /** Builder for {@link AgentScenario}, with shortcuts for rules. */
    final class Builder extends ImmutableAgentScenario.Builder {
        /**
         * Adds a rule; null matchers match everything.
         *
         * @param wp the WP id or null
         * @param role the role or null
         * @param attempt the attempt or null
         * @param behavior what to do
         * @return this builder
         */
        public Builder when(String wp, ScriptedRole role, Integer attempt, AgentBehavior behavior) {
            addRule(AgentRule.of(wp, role, attempt, behavior));
            return this;
        }
    }
}
