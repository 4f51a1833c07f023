package dev.speckitty.orchestrator.core.strategy;

import dev.speckitty.orchestrator.core.spi.ScheduleContext;
import dev.speckitty.orchestrator.core.spi.WorkScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
     * <p>The returned scheduler is thread-safe. It computes the chain lengths of the whole graph once and reuses them
     * for as long as it is given the same dependency map instance (the engine keeps one per run), so each call costs
     * only the sort of its candidates; a different map instance makes it recompute.
     *
     * @return the critical-path scheduler
     */
    public static WorkScheduler criticalPath() {
        return new CriticalPath();
    }

    /** Ranks of one graph: longest chain of dependents per WP and, filled lazily, transitive dependent counts. */
    private static final class Ranks {
        final Map<String, List<String>> graph;
        final Map<String, List<String>> dependents = new HashMap<>();
        final Map<String, Integer> chain = new HashMap<>();
        final Map<String, Integer> fanOut = new HashMap<>();

        Ranks(Map<String, List<String>> graph) {
            this.graph = graph;
            graph.forEach((wp, deps) -> {
                for (String d : deps) {
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(wp);
                }
            });
            computeChains();
        }

        /**
         * Longest chain of dependents (the WP itself counts 1), iteratively: an explicit DFS stack in post-order,
         * so a chain of any length cannot overflow the thread stack. An edge back to a WP still on the path (a cycle)
         * contributes 0, as a cycle member counts once.
         */
        private void computeChains() {
            Set<String> nodes = new LinkedHashSet<>(graph.keySet());
            nodes.addAll(dependents.keySet());
            Set<String> onPath = new HashSet<>();
            ArrayDeque<Object[]> stack = new ArrayDeque<>();
            for (String root : nodes) {
                if (chain.containsKey(root)) {
                    continue;
                }
                stack.push(new Object[] {root, 0, 0});
                onPath.add(root);
                while (!stack.isEmpty()) {
                    Object[] frame = stack.peek();
                    String wp = (String) frame[0];
                    int next = (Integer) frame[1];
                    int best = (Integer) frame[2];
                    List<String> outs = dependents.getOrDefault(wp, List.of());
                    if (next < outs.size()) {
                        String child = outs.get(next);
                        frame[1] = next + 1;
                        Integer known = chain.get(child);
                        if (known != null) {
                            frame[2] = Math.max(best, known);
                        } else if (onPath.add(child)) {
                            stack.push(new Object[] {child, 0, 0});
                        }
                        continue;
                    }
                    stack.pop();
                    onPath.remove(wp);
                    int length = best + 1;
                    chain.put(wp, length);
                    Object[] parent = stack.peek();
                    if (parent != null) {
                        parent[2] = Math.max((Integer) parent[2], length);
                    }
                }
            }
        }

        int chain(String wp) {
            return chain.getOrDefault(wp, 1);
        }

        /** Number of distinct transitive dependents, computed on first use (iterative search) and then remembered. */
        int fanOut(String wp) {
            Integer known = fanOut.get(wp);
            if (known != null) {
                return known;
            }
            Set<String> seen = new HashSet<>();
            ArrayDeque<String> todo = new ArrayDeque<>();
            todo.push(wp);
            while (!todo.isEmpty()) {
                for (String next : dependents.getOrDefault(todo.pop(), List.of())) {
                    if (seen.add(next)) {
                        todo.push(next);
                    }
                }
            }
            fanOut.put(wp, seen.size());
            return seen.size();
        }
    }

    private static final class CriticalPath implements WorkScheduler {
        private Ranks ranks;

        @Override
        public synchronized List<String> order(ScheduleContext ctx) {
            Map<String, List<String>> graph = ctx.dependencies();
            if (ranks == null || ranks.graph != graph) {
                ranks = new Ranks(graph);
            }
            Ranks r = ranks;
            List<String> order = new ArrayList<>(ctx.candidates());
            Map<String, Integer> hostIndex = new HashMap<>();
            Map<String, Integer> depth = new HashMap<>();
            Map<String, Integer> fan = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                String wp = order.get(i);
                hostIndex.put(wp, i);
                depth.put(wp, r.chain(wp));
                fan.put(wp, r.fanOut(wp));
            }
            order.sort(Comparator.<String>comparingInt(depth::get).reversed()
                    .thenComparing(Comparator.<String>comparingInt(fan::get).reversed())
                    .thenComparingInt(hostIndex::get));
            return order;
        }
    }
}
