/**
 * Git helpers behind the {@link dev.speckitty.orchestrator.core.spi.GitOperations} seam: a default implementation
 * over the {@code git} binary (argv, never a shell; every call with a timeout).
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.core.git;

import org.immutables.value.Value;
