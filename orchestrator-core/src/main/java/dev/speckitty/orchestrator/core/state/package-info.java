/**
 * The run-state model (schema-versioned, provider-local bookkeeping only; the host stays the truth for lanes) and
 * its stores. Values are immutable; stores are thread-safe.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.core.state;

import org.immutables.value.Value;
