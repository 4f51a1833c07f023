package dev.speckitty.orchestrator.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * A zero-overhead discrete-event simulation of list scheduling on {@code c} agents: what a scheduling policy
 * achieves by itself, to separate a policy's loss from the engine's own overhead in the makespan benchmark.
 */
final class ListSchedule {
    private ListSchedule() {}

    /** Makespan in units of the given policy; {@code order} ranks the ready WPs (given in host order). */
    static int makespan(Map<String, List<String>> graph, Map<String, Integer> units, int c,
            Function<List<String>, List<String>> order) {
        record Running(int finish, String wp) {}
        PriorityQueue<Running> running = new PriorityQueue<>(Comparator.comparingInt(Running::finish));
        Set<String> started = new HashSet<>();
        Set<String> done = new HashSet<>();
        int time = 0;
        while (true) {
            List<String> ready = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : graph.entrySet()) {
                if (!started.contains(e.getKey()) && done.containsAll(e.getValue())) {
                    ready.add(e.getKey());
                }
            }
            for (String wp : order.apply(ready)) {
                if (running.size() >= c) {
                    break;
                }
                started.add(wp);
                running.add(new Running(time + units.get(wp), wp));
            }
            if (running.isEmpty()) {
                return time;
            }
            Running r = running.poll();
            time = r.finish();
            done.add(r.wp());
            while (!running.isEmpty() && running.peek().finish() == time) {
                done.add(running.poll().wp());
            }
        }
    }

    /** Host order. */
    static Function<List<String>, List<String>> fifo() {
        return ready -> ready;
    }

    /** Longest chain of dependents in WPs, then more transitive dependents, then host order (the engine's policy). */
    static Function<List<String>, List<String>> unweightedCriticalPath(Map<String, List<String>> graph) {
        Map<String, Integer> ones = new HashMap<>();
        graph.keySet().forEach(w -> ones.put(w, 1));
        Map<String, Integer> level = bottomLevels(graph, ones);
        Map<String, Integer> reach = new HashMap<>();
        Map<String, List<String>> dependents = dependents(graph);
        for (String wp : graph.keySet()) {
            Set<String> seen = new HashSet<>();
            collect(wp, dependents, seen);
            reach.put(wp, seen.size());
        }
        return ready -> sorted(ready, Comparator.<String>comparingInt(level::get).reversed()
                .thenComparing(Comparator.<String>comparingInt(reach::get).reversed()));
    }

    /** Longest remaining duration-weighted path first (HLFET), then host order: needs duration estimates. */
    static Function<List<String>, List<String>> weightedCriticalPath(Map<String, List<String>> graph,
            Map<String, Integer> units) {
        Map<String, Integer> level = bottomLevels(graph, units);
        return ready -> sorted(ready, Comparator.<String>comparingInt(level::get).reversed());
    }

    private static List<String> sorted(List<String> ready, Comparator<String> cmp) {
        List<String> out = new ArrayList<>(ready);
        out.sort(cmp); // stable: ties keep host order
        return out;
    }

    private static Map<String, List<String>> dependents(Map<String, List<String>> graph) {
        Map<String, List<String>> d = new HashMap<>();
        graph.forEach((wp, deps) -> deps.forEach(x -> d.computeIfAbsent(x, k -> new ArrayList<>()).add(wp)));
        return d;
    }

    private static void collect(String wp, Map<String, List<String>> dependents, Set<String> seen) {
        for (String n : dependents.getOrDefault(wp, List.of())) {
            if (seen.add(n)) {
                collect(n, dependents, seen);
            }
        }
    }

    /** Weighted length of the longest path from each WP to a sink, the WP included. */
    private static Map<String, Integer> bottomLevels(Map<String, List<String>> graph, Map<String, Integer> w) {
        Map<String, List<String>> dependents = dependents(graph);
        Map<String, Integer> memo = new HashMap<>();
        for (String wp : graph.keySet()) {
            level(wp, dependents, w, memo);
        }
        return memo;
    }

    private static int level(String wp, Map<String, List<String>> dependents, Map<String, Integer> w,
            Map<String, Integer> memo) {
        Integer k = memo.get(wp);
        if (k != null) {
            return k;
        }
        int best = 0;
        for (String n : dependents.getOrDefault(wp, List.of())) {
            best = Math.max(best, level(n, dependents, w, memo));
        }
        memo.put(wp, best + w.get(wp));
        return best + w.get(wp);
    }
}
