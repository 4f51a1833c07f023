/**
 * The typed client for the spec-kitty {@code orchestrator-api} contract: {@link
 * dev.speckitty.orchestrator.client.OrchestratorClient}, its builder, host negotiation and the raw escape hatch.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.client;

import org.immutables.value.Value;
