package dev.speckitty.orchestrator.testkit.host.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The engine's view of the host configuration (built from the public {@code SimulatedHostConfig}).
 *
 * @param profile the release imitated
 * @param faults the injected faults in order
 * @param unseededMissions mission directories whose WPs were never finalized
 * @param gitTimeout the bound on every git command
 */
public record Settings(Profile profile, List<FaultRule> faults, Set<String> unseededMissions, Duration gitTimeout) {}
