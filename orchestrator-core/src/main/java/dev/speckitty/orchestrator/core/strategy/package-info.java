/**
 * Default strategies behind static factories: schedulers, agent selectors, retry policies, verdict parsers and
 * prompt builders. Every returned strategy is immutable and thread-safe.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.core.strategy;

import org.immutables.value.Value;
