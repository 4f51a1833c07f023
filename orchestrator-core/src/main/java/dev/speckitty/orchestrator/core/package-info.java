/**
 * The orchestration engine: {@link dev.speckitty.orchestrator.core.OrchestrationEngine}, its options, run report and events.
 *
 * <p>Every value type here is immutable and thread-safe. The engine drives one mission at a time; see its Javadoc for
 * the threading contract of listeners and strategies.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.core;

import org.immutables.value.Value;
