package dev.speckitty.orchestrator.core.strategy;

import dev.speckitty.orchestrator.core.spi.ScheduleContext;
import dev.speckitty.orchestrator.core.spi.WorkScheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Factories of {@link WorkScheduler}s. */
public final class WorkSchedulers {
    private WorkSchedulers() {}

    /**
     * Returns a scheduler that keeps the host's order (first ready, first started).
     *
     * @return the FIFO scheduler
     */
    public static WorkScheduler fifo() {
        return ctx -> List.copyOf(ctx.candidates());
    }

    /**
     * Returns a scheduler that starts first the WP heading the longest chain of dependents (the critical path), then
     * the one with more transitive dependents, then host order. Cycles in the graph are tolerated (a cycle member
     * counts once).
     *
     * @return the critical-path scheduler
     */
    public static WorkScheduler criticalPath() {
        return WorkSchedulers::byCriticalPath;
    }

    private static List<String> byCriticalPath(ScheduleContext ctx) {
        Map<String, List<String>> dependents = new HashMap<>();
        ctx.dependencies().forEach((wp, deps) -> {
            for (String d : deps) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(wp);
            }
        });
        Map<String, Integer> depth = new HashMap<>();
        Map<String, Integer> fanOut = new HashMap<>();
        for (String wp : ctx.candidates()) {
            depth.put(wp, chainLength(wp, dependents, new HashMap<>(), new HashSet<>()));
            Set<String> seen = new HashSet<>();
            collect(wp, dependents, seen);
            fanOut.put(wp, seen.size());
        }
        List<String> order = new ArrayList<>(ctx.candidates());
        Map<String, Integer> hostIndex = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            hostIndex.put(order.get(i), i);
        }
        order.sort(Comparator.<String>comparingInt(depth::get).reversed()
                .thenComparing(Comparator.<String>comparingInt(fanOut::get).reversed())
                .thenComparingInt(hostIndex::get));
        return order;
    }

    /** Number of WPs on the longest path starting at {@code wp} following dependents (wp itself counts 1). */
    private static int chainLength(String wp, Map<String, List<String>> dependents, Map<String, Integer> memo,
            Set<String> onPath) {
        Integer known = memo.get(wp);
        if (known != null) {
            return known;
        }
        if (!onPath.add(wp)) {
            return 0;
        }
        int best = 0;
        for (String next : dependents.getOrDefault(wp, List.of())) {
            best = Math.max(best, chainLength(next, dependents, memo, onPath));
        }
        onPath.remove(wp);
        memo.put(wp, best + 1);
        return best + 1;
    }

    private static void collect(String wp, Map<String, List<String>> dependents, Set<String> seen) {
        for (String next : dependents.getOrDefault(wp, List.of())) {
            if (seen.add(next)) {
                collect(next, dependents, seen);
            }
        }
    }
}
