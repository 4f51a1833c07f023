/**
 * A scripted fake coding agent: {@link dev.speckitty.orchestrator.testkit.agent.ScriptedAgentMain} is a real executable
 * driven by an {@link dev.speckitty.orchestrator.testkit.agent.AgentScenario}; every run is recorded in a JSON-lines log
 * that {@link dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog} reads back.
 *
 * <p>A scenario file as {@link dev.speckitty.orchestrator.testkit.agent.AgentScenario#toJson()} writes it (every
 * key optional; unknown keys are rejected):
 *
 * <pre>{@code
 * {
 *   "defaults": {"duration_ms": 200, "usage": {"input_tokens": 1200, "output_tokens": 300, "cost_usd": 0.0123}},
 *   "rules": [
 *     {"wp": "WP02", "role": "reviewer", "attempt": 1,
 *      "behavior": {"verdict": "changes_requested", "feedback": "Add tests for {wp}.", "verdict_delivery": "file"}},
 *     {"wp": "WP03", "role": "implementer",
 *      "behavior": {"failure": "rate_limit"}},
 *     {"wp": "WP04", "behavior": {"hang": true}}
 *   ],
 *   "log_file": "agents.jsonl",
 *   "prompt_record_directory": "prompts"
 * }
 * }</pre>
 *
 * <p>Behaviour keys: {@code exit_code}, {@code duration_ms}, {@code files} (path to content), {@code commit},
 * {@code commit_message}, {@code mark_subtasks}, {@code subtasks}, {@code verdict} ({@code approved} |
 * {@code changes_requested}), {@code feedback}, {@code verdict_delivery} ({@code file} | {@code stdout} |
 * {@code none}), {@code stdout_lines}, {@code stderr_lines}, {@code stdout_bytes}, {@code stderr_bytes},
 * {@code non_utf8_output}, {@code stdout_text}, {@code stderr_text}, {@code usage}, {@code failure} ({@code auth} |
 * {@code rate_limit}), {@code hang}, {@code read_prompt_from_stdin}. Rule matchers: {@code wp}, {@code role},
 * {@code attempt}.
 *
 * <p>Value types here are immutable and thread-safe and built with {@code X.builder()}. Optional values are
 * {@link java.util.Optional}; collections are never null.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.testkit.agent;

import org.immutables.value.Value;
