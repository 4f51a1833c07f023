/**
 * The engine's strategy interfaces (service-provider interfaces) and their parameter objects. Implementations must
 * be thread-safe unless stated otherwise; every parameter object is immutable.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.core.spi;

import org.immutables.value.Value;
