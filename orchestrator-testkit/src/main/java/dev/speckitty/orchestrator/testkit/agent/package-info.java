/**
 * A scripted fake coding agent: {@link dev.speckitty.orchestrator.testkit.agent.ScriptedAgentMain} is a real executable
 * driven by an {@link dev.speckitty.orchestrator.testkit.agent.AgentScenario}; every run is recorded in a JSON-lines log
 * that {@link dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog} reads back.
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
