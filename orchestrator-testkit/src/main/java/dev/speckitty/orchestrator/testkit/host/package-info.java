/**
 * A faithful simulated spec-kitty host for tests: {@link dev.speckitty.orchestrator.testkit.host.SimulatedHost}
 * (in-process, as an {@link dev.speckitty.orchestrator.client.spi.OrchestratorTransport}) and
 * {@link dev.speckitty.orchestrator.testkit.host.SimulatedHostMain} (the same engine as a {@code spec-kitty}
 * executable, see {@link dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable}).
 *
 * <p>State lives in the project directory (event logs under {@code kitty-specs/<mission>/}), guarded by file locks,
 * so in-process calls and executable calls can be mixed on one project.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    defaults = @Value.Immutable(copy = false))
package dev.speckitty.orchestrator.testkit.host;

import org.immutables.value.Value;
