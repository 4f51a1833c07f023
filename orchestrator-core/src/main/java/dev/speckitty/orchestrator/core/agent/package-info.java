/**
 * Agent adapters for the common coding-agent CLIs, a configurable {@link
 * dev.speckitty.orchestrator.core.agent.GenericCommandAgent}, the process launcher that runs them and the secret
 * redactor used for their logs.
 *
 * <p>Start with {@link dev.speckitty.orchestrator.core.agent.AgentAdapters}: {@code AgentAdapters.byId("codex")} gives
 * a built-in adapter, {@code AgentAdapters.probe(adapter, timeout)} tells whether it is installed, and {@link
 * dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher} runs the command an adapter builds. Every type here is
 * thread-safe; value types are immutable.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.core.agent;

import org.immutables.value.Value;
