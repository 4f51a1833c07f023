package dev.speckitty.orchestrator.testkit.mission.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Dependency graphs of work packages: shape builders, validation, topological helpers. */
public final class Graphs {
    private static final Pattern WP_ID = Pattern.compile("WP(0[1-9]|[1-9][0-9])");

    private Graphs() {}

    /**
     * Returns the WP id for a 1-based index.
     *
     * @param index 1..99
     * @return e.g. {@code WP07}
     */
    public static String wpId(int index) {
        if (index < 1 || index > 99) {
            throw new IllegalArgumentException("work package index " + index + " is outside 1..99");
        }
        return String.format("WP%02d", index);
    }

    /**
     * Tells whether an id is a two-digit WP id WP01..WP99.
     *
     * @param id the id
     * @return whether it is well formed
     */
    public static boolean isWpId(String id) {
        return id != null && WP_ID.matcher(id).matches();
    }

    /**
     * Returns the ids WP01..WPn.
     *
     * @param n the count, 1..99
     * @return the ids in order
     */
    public static List<String> ids(int n) {
        requireCount(n);
        List<String> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add(wpId(i));
        }
        return ids;
    }

    /**
     * Checks a work package count.
     *
     * @param n the count
     */
    public static void requireCount(int n) {
        if (n < 1 || n > 99) {
            throw new IllegalArgumentException("a mission has 1..99 work packages (ids WP01..WP99), got " + n);
        }
    }

    /**
     * WP01 → WP02 → … → WPn.
     *
     * @param n count
     * @return the graph
     */
    public static Map<String, List<String>> chain(int n) {
        Map<String, List<String>> g = empty(n);
        for (int i = 2; i <= n; i++) {
            g.put(wpId(i), List.of(wpId(i - 1)));
        }
        return g;
    }

    /**
     * WP01 → every other WP.
     *
     * @param n count
     * @return the graph
     */
    public static Map<String, List<String>> fanOut(int n) {
        Map<String, List<String>> g = empty(n);
        for (int i = 2; i <= n; i++) {
            g.put(wpId(i), List.of(wpId(1)));
        }
        return g;
    }

    /**
     * Every other WP → WPn.
     *
     * @param n count
     * @return the graph
     */
    public static Map<String, List<String>> fanIn(int n) {
        Map<String, List<String>> g = empty(n);
        if (n > 1) {
            g.put(wpId(n), ids(n - 1));
        }
        return g;
    }

    /**
     * WP01 → WP02..WP(n-1) → WPn; a chain for n ≤ 2.
     *
     * @param n count
     * @return the graph
     */
    public static Map<String, List<String>> diamond(int n) {
        if (n <= 2) {
            return chain(n);
        }
        Map<String, List<String>> g = empty(n);
        List<String> middle = new ArrayList<>();
        for (int i = 2; i < n; i++) {
            g.put(wpId(i), List.of(wpId(1)));
            middle.add(wpId(i));
        }
        g.put(wpId(n), List.copyOf(middle));
        return g;
    }

    /**
     * No edges.
     *
     * @param n count
     * @return the graph
     */
    public static Map<String, List<String>> independent(int n) {
        return empty(n);
    }

    /**
     * Layered random DAG: WPs are numbered layer by layer; each WP after the first layer depends on one random WP
     * of the layer just before it and on up to {@code maxDependencies - 1} more random WPs of earlier layers. The
     * same arguments always give the same graph.
     *
     * @param n count
     * @param layers number of layers, 1..n
     * @param maxDependencies at least 1
     * @param seed random seed
     * @return the graph
     */
    public static Map<String, List<String>> layeredRandom(int n, int layers, int maxDependencies, long seed) {
        requireCount(n);
        if (layers < 1 || layers > n) {
            throw new IllegalArgumentException("layers must be in 1.." + n + " for " + n + " work packages, got "
                    + layers);
        }
        if (maxDependencies < 1) {
            throw new IllegalArgumentException("maxDependencies must be at least 1, got " + maxDependencies);
        }
        Random random = new Random(seed);
        int[] sizes = new int[layers];
        java.util.Arrays.fill(sizes, 1);
        for (int extra = n - layers; extra > 0; extra--) {
            sizes[random.nextInt(layers)]++;
        }
        List<List<String>> layerIds = new ArrayList<>();
        int next = 1;
        for (int size : sizes) {
            List<String> layer = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                layer.add(wpId(next++));
            }
            layerIds.add(layer);
        }
        Map<String, List<String>> g = empty(n);
        List<String> earlier = new ArrayList<>(layerIds.get(0));
        for (int k = 1; k < layers; k++) {
            List<String> previous = layerIds.get(k - 1);
            for (String wp : layerIds.get(k)) {
                TreeSet<String> deps = new TreeSet<>();
                deps.add(previous.get(random.nextInt(previous.size())));
                int more = random.nextInt(maxDependencies);
                for (int j = 0; j < more; j++) {
                    deps.add(earlier.get(random.nextInt(earlier.size())));
                }
                g.put(wp, List.copyOf(deps));
            }
            earlier.addAll(layerIds.get(k));
        }
        return g;
    }

    /**
     * Validates a graph and returns a normalised copy (keys sorted, dependency lists sorted and de-duplicated).
     *
     * @param graph WP id → its dependencies
     * @return the normalised graph
     * @throws IllegalArgumentException naming the bad id, unknown dependency or cycle
     */
    public static Map<String, List<String>> validate(Map<String, ? extends Collection<String>> graph) {
        if (graph == null || graph.isEmpty()) {
            throw new IllegalArgumentException("a mission needs at least one work package");
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, ? extends Collection<String>> e : graph.entrySet()) {
            String wp = e.getKey();
            if (!isWpId(wp)) {
                throw new IllegalArgumentException("work package id '" + wp
                        + "' is not valid: use WP01..WP99 (WP followed by exactly two digits, not WP00)");
            }
            Collection<String> deps = e.getValue() == null ? List.of() : e.getValue();
            TreeSet<String> set = new TreeSet<>();
            for (String d : deps) {
                if (!isWpId(d)) {
                    throw new IllegalArgumentException(wp + " depends on '" + d
                            + "', which is not a valid work package id (WP01..WP99)");
                }
                if (d.equals(wp)) {
                    throw new IllegalArgumentException(wp + " depends on itself; remove it from its dependencies");
                }
                if (!graph.containsKey(d)) {
                    throw new IllegalArgumentException(wp + " depends on " + d
                            + ", which is not a work package of this mission; add " + d + " or drop the dependency");
                }
                set.add(d);
            }
            sorted.put(wp, List.copyOf(set));
        }
        List<String> cycle = findCycle(sorted);
        if (!cycle.isEmpty()) {
            throw new IllegalArgumentException("the dependencies form a cycle: " + String.join(" -> ", cycle)
                    + "; a mission's work packages must form a DAG");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /**
     * Finds one dependency cycle.
     *
     * @param graph WP id → dependencies (all ids present as keys)
     * @return the cycle as a closed path (first == last), or empty
     */
    public static List<String> findCycle(Map<String, List<String>> graph) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        Deque<String> stack = new ArrayDeque<>();
        for (String start : graph.keySet()) {
            List<String> found = dfs(start, graph, state, stack);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> dfs(String wp, Map<String, List<String>> graph, Map<String, Integer> state,
            Deque<String> stack) {
        Integer s = state.get(wp);
        if (s != null) {
            if (s == 1) {
                List<String> path = new ArrayList<>(stack);
                Collections.reverse(path);
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(wp), path.size()));
                cycle.add(wp);
                return cycle;
            }
            return List.of();
        }
        state.put(wp, 1);
        stack.push(wp);
        for (String d : graph.getOrDefault(wp, List.of())) {
            List<String> found = dfs(d, graph, state, stack);
            if (!found.isEmpty()) {
                return found;
            }
        }
        stack.pop();
        state.put(wp, 2);
        return List.of();
    }

    /**
     * Topological order, smallest id first among the ready ones (deterministic).
     *
     * @param graph a validated graph
     * @return every WP, dependencies before dependents
     */
    public static List<String> topologicalOrder(Map<String, List<String>> graph) {
        Map<String, Integer> missing = new HashMap<>();
        Map<String, List<String>> dependents = dependents(graph);
        TreeSet<String> ready = new TreeSet<>();
        for (Map.Entry<String, List<String>> e : graph.entrySet()) {
            missing.put(e.getKey(), e.getValue().size());
            if (e.getValue().isEmpty()) {
                ready.add(e.getKey());
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String wp = ready.pollFirst();
            order.add(wp);
            for (String d : dependents.get(wp)) {
                if (missing.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() != graph.size()) {
            throw new IllegalArgumentException("the dependencies form a cycle: " + String.join(" -> ",
                    findCycle(graph)));
        }
        return order;
    }

    /**
     * Reverse edges: WP → the WPs that depend on it (sorted).
     *
     * @param graph a graph
     * @return the dependents map, one entry per WP
     */
    public static Map<String, List<String>> dependents(Map<String, List<String>> graph) {
        Map<String, List<String>> result = new TreeMap<>();
        for (String wp : graph.keySet()) {
            result.put(wp, new ArrayList<>());
        }
        for (Map.Entry<String, List<String>> e : graph.entrySet()) {
            for (String d : e.getValue()) {
                result.get(d).add(e.getKey());
            }
        }
        result.values().forEach(Collections::sort);
        return result;
    }

    /**
     * Depth of each WP: 1 for a WP without dependencies, else 1 + the deepest dependency.
     *
     * @param graph a validated graph
     * @return WP → depth
     */
    public static Map<String, Integer> depths(Map<String, List<String>> graph) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (String wp : topologicalOrder(graph)) {
            int d = 1;
            for (String dep : graph.get(wp)) {
                d = Math.max(d, depth.get(dep) + 1);
            }
            depth.put(wp, d);
        }
        return depth;
    }

    /**
     * One longest dependency chain (smallest ids on ties), from a root to a leaf.
     *
     * @param graph a validated graph
     * @return the chain
     */
    public static List<String> criticalPath(Map<String, List<String>> graph) {
        Map<String, Integer> depth = depths(graph);
        String end = null;
        for (Map.Entry<String, Integer> e : new TreeMap<>(depth).entrySet()) {
            if (end == null || e.getValue() > depth.get(end)) {
                end = e.getKey();
            }
        }
        List<String> path = new ArrayList<>();
        String current = end;
        while (current != null) {
            path.add(current);
            String next = null;
            for (String dep : graph.get(current)) {
                if (depth.get(dep) == depth.get(current) - 1 && (next == null || dep.compareTo(next) < 0)) {
                    next = dep;
                }
            }
            current = next;
        }
        Collections.reverse(path);
        return path;
    }

    /**
     * Number of rounds a greedy list schedule needs when every WP takes one round and at most {@code agents} WPs run
     * per round; ready WPs with the longest remaining chain go first (then smaller ids).
     *
     * @param graph a validated graph
     * @param agents at least 1
     * @return the number of rounds
     */
    public static int scheduledRounds(Map<String, List<String>> graph, int agents) {
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be at least 1, got " + agents);
        }
        Map<String, List<String>> dependents = dependents(graph);
        Map<String, Integer> height = new HashMap<>();
        List<String> order = topologicalOrder(graph);
        for (int i = order.size() - 1; i >= 0; i--) {
            String wp = order.get(i);
            int h = 1;
            for (String d : dependents.get(wp)) {
                h = Math.max(h, height.get(d) + 1);
            }
            height.put(wp, h);
        }
        Map<String, Integer> missing = new HashMap<>();
        graph.forEach((wp, deps) -> missing.put(wp, deps.size()));
        java.util.Comparator<String> priority = java.util.Comparator.<String>comparingInt(height::get).reversed()
                .thenComparing(java.util.Comparator.naturalOrder());
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>(priority);
        missing.forEach((wp, m) -> {
            if (m == 0) {
                ready.add(wp);
            }
        });
        int rounds = 0;
        int done = 0;
        while (done < graph.size()) {
            List<String> running = new ArrayList<>();
            while (running.size() < agents && !ready.isEmpty()) {
                running.add(ready.poll());
            }
            rounds++;
            done += running.size();
            for (String wp : running) {
                for (String d : dependents.get(wp)) {
                    if (missing.merge(d, -1, Integer::sum) == 0) {
                        ready.add(d);
                    }
                }
            }
        }
        return rounds;
    }

    private static Map<String, List<String>> empty(int n) {
        requireCount(n);
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (String id : ids(n)) {
            g.put(id, List.of());
        }
        return g;
    }
}
