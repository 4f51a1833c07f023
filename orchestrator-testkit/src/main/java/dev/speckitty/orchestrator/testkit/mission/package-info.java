/**
 * Generated spec-kitty missions for tests and benchmarks: {@link dev.speckitty.orchestrator.testkit.mission.MissionGenerator}
 * writes a real mission directory (meta.json, spec.md, plan.md, tasks.md, lanes.json, WP prompt files) in a chosen
 * dependency shape, and {@link dev.speckitty.orchestrator.testkit.mission.MissionFiles} reads WP prompt files back.
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
package dev.speckitty.orchestrator.testkit.mission;

import org.immutables.value.Value;
