/**
 * A temporary real git repository for end-to-end tests: {@link dev.speckitty.orchestrator.testkit.project.TestProject}.
 *
 * <p>Value types here are immutable and thread-safe and built with {@code X.builder()}. Optional values are
 * {@link java.util.Optional}; collections are never null.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.testkit.project;

import org.immutables.value.Value;
