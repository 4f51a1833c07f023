package dev.speckitty.orchestrator.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The WPs of one run grouped by {@link WpRun.Step}, each group in host order, kept current by {@link WpRun#setStep}.
 * Lets a dispatch pass visit only the WPs that need something instead of scanning every WP. Coordinator thread only.
 */
final class StepIndex {
    private final Map<WpRun.Step, TreeSet<WpRun>> byStep = new EnumMap<>(WpRun.Step.class);

    StepIndex() {
        for (WpRun.Step s : WpRun.Step.values()) {
            byStep.put(s, new TreeSet<>(Comparator.comparingInt(w -> w.ordinal)));
        }
    }

    void add(WpRun wp) {
        byStep.get(wp.step).add(wp);
    }

    void remove(WpRun wp) {
        byStep.get(wp.step).remove(wp);
    }

    /** The WPs currently at one of {@code steps}, in host order, as a snapshot safe to iterate while steps change. */
    List<WpRun> snapshot(WpRun.Step... steps) {
        List<WpRun> out = new ArrayList<>();
        for (WpRun.Step s : steps) {
            out.addAll(byStep.get(s));
        }
        if (steps.length > 1) {
            out.sort(Comparator.comparingInt(w -> w.ordinal));
        }
        return out;
    }

    /** Live view of the WPs at {@code step} (do not change steps while iterating it). */
    Iterable<WpRun> at(WpRun.Step step) {
        return byStep.get(step);
    }

    int count(WpRun.Step step) {
        return byStep.get(step).size();
    }
}
