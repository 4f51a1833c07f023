/**
 * Immutable requests and results of the {@code orchestrator-api} commands, and the shared wire values
 * (lanes, verdicts, strategies, work packages).
 *
 * <p>Every type here is immutable and thread-safe. Requests are built with {@code XRequest.builder()}; results
 * are produced by the client. Optional values are {@link java.util.Optional}; collections are never null.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.client.model;

import org.immutables.value.Value;
