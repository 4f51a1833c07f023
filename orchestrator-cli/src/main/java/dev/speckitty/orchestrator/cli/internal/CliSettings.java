package dev.speckitty.orchestrator.cli.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration after layering defaults, {@code .kittify/orchestrator.toml},
 * {@code .kittify/orchestrator.yaml}, {@code SPEC_KITTY_ORCHESTRATOR_*} variables and the command line.
 *
 * @param maxConcurrent how many work packages run at once
 * @param actor the actor recorded on host calls
 * @param host the spec-kitty executable (name on PATH or path)
 * @param inhibitSleep whether to keep the machine awake while orchestrating
 * @param implementationAgents ordered fallback chain of implementer agent ids
 * @param reviewAgents ordered fallback chain of reviewer agent ids
 * @param maxRetries retries per agent and rejected-review cycles
 * @param agentTimeout wall-clock limit for one agent run (unless overridden per agent and role)
 * @param agentIdleTimeout idle-output limit for every agent run (unless overridden per agent and role); empty = off
 * @param singleAgentMode whether the reviewer is the implementer that was actually used
 * @param agentSettings per-agent settings keyed by agent id
 * @param customAgents generic command agents defined in the configuration, keyed by id
 * @param mergeTarget the branch to merge into, empty for the host's default
 * @param mergeStrategy merge, squash or rebase; empty for the host's default
 * @param push whether to push after merging
 * @param sources the configuration files that were read, in the order applied
 */
record CliSettings(
        int maxConcurrent,
        String actor,
        String host,
        boolean inhibitSleep,
        List<String> implementationAgents,
        List<String> reviewAgents,
        int maxRetries,
        Duration agentTimeout,
        Optional<Duration> agentIdleTimeout,
        boolean singleAgentMode,
        Map<String, AgentSettings> agentSettings,
        Map<String, CustomAgent> customAgents,
        Optional<String> mergeTarget,
        Optional<String> mergeStrategy,
        boolean push,
        List<String> sources) {

    /**
     * Settings for one agent.
     *
     * @param model the model to ask for, if any
     * @param extraArgs extra arguments appended to the agent's command
     * @param implementationTimeout the limit for implementer runs, if set
     * @param reviewTimeout the limit for reviewer runs, if set
     * @param implementationIdleTimeout the idle-output limit for implementer runs, if set
     * @param reviewIdleTimeout the idle-output limit for reviewer runs, if set
     * @param maxConcurrent how many runs of this agent at once, if limited
     * @param env extra environment variables for the agent's process
     */
    record AgentSettings(
            Optional<String> model,
            List<String> extraArgs,
            Optional<Duration> implementationTimeout,
            Optional<Duration> reviewTimeout,
            Optional<Duration> implementationIdleTimeout,
            Optional<Duration> reviewIdleTimeout,
            Optional<Integer> maxConcurrent,
            Map<String, String> env) {
        /** No per-agent setting at all. */
        static final AgentSettings NONE = new AgentSettings(Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * A generic command agent.
     *
     * @param id the agent id used in the fallback chains
     * @param command the implementer's argv template (the first element is the executable)
     * @param reviewCommand the reviewer's argv template (same executable), empty to use {@code command}
     * @param modelArgs arguments appended when a model is chosen, e.g. {@code ["--model", "{model}"]}
     * @param promptViaFile true to pass the prompt as a file path ({@code $SPEC_KITTY_PROMPT_FILE}) instead of stdin
     * @param versionArgs the arguments that print the version
     */
    record CustomAgent(String id, List<String> command, Optional<List<String>> reviewCommand,
            List<String> modelArgs, boolean promptViaFile, List<String> versionArgs) {
    }
}
