package dev.speckitty.orchestrator.core.spi;

import java.util.List;

/**
 * Orders the WPs that could start now. The engine starts them in the returned order as capacity allows (run and
 * per-agent limits, one WP per lane worktree at a time). Called on the engine's coordinator thread: must be fast,
 * must not block, must not throw.
 */
@FunctionalInterface
public interface WorkScheduler {
    /**
     * Orders the candidates.
     *
     * @param context the candidates and the mission's dependency graph
     * @return a permutation (or subset) of {@link ScheduleContext#candidates()}; WPs left out wait for the next call
     */
    List<String> order(ScheduleContext context);
}
