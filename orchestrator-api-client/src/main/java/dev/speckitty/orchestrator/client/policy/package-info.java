/**
 * Policy metadata ({@code --policy}): a builder that enforces on {@code build()} exactly the host's validation
 * rules, and the rule engine itself.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.client.policy;

import org.immutables.value.Value;
