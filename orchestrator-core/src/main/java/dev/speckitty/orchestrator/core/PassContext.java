package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.core.spi.ScheduleContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's view of one dispatch pass. Not the Immutables builder: that would copy the whole graph on every
 * pass, and the scheduler could no longer recognise the (unchanged) graph by identity to reuse what it derived.
 */
final class PassContext implements ScheduleContext {
    private final List<String> candidates;
    private final Map<String, List<String>> dependencies;
    private final int freeSlots;

    PassContext(List<String> candidates, Map<String, List<String>> dependencies, int freeSlots) {
        this.candidates = Collections.unmodifiableList(candidates);
        this.dependencies = dependencies;
        this.freeSlots = freeSlots;
    }

    @Override
    public List<String> candidates() {
        return candidates;
    }

    @Override
    public Map<String, List<String>> dependencies() {
        return dependencies;
    }

    @Override
    public int freeSlots() {
        return freeSlots;
    }
}
