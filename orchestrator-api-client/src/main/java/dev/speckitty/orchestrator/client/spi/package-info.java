/**
 * The transport service-provider interface: how a command reaches a host. Implementations are dumb pipes; the
 * client decodes envelopes above them.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.client.spi;

import org.immutables.value.Value;
