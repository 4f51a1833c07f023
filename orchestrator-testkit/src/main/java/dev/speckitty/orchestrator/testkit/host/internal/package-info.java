/**
 * Implementation of the simulated host: argument parsing, mission files, the event log, git, the command engine,
 * fault injection and envelope output. Nothing here is API.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.testkit.host.internal;

import org.immutables.value.Value;
