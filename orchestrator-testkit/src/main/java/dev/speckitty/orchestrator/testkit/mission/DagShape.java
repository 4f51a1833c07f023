package dev.speckitty.orchestrator.testkit.mission;

import dev.speckitty.orchestrator.testkit.mission.internal.Graphs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The dependency shape of a generated mission. Instances are immutable and thread-safe; create them with the static
 * factories. Every shape yields a DAG over WP01..WPn (or, for {@link #custom(Map)}, over the given ids).
 */
public final class DagShape {
    private final String name;
    private final IntFunction<Map<String, List<String>>> builder;
    private final Map<String, List<String>> custom;

    private DagShape(String name, IntFunction<Map<String, List<String>>> builder, Map<String, List<String>> custom) {
        this.name = name;
        this.builder = builder;
        this.custom = custom;
    }

    /**
     * WP01 → WP02 → … → WPn: no parallelism.
     *
     * @return the shape
     */
    public static DagShape chain() {
        return new DagShape("chain", Graphs::chain, null);
    }

    /**
     * WP01 → every other WP: after WP01 everything can run at once.
     *
     * @return the shape
     */
    public static DagShape fanOut() {
        return new DagShape("fan-out", Graphs::fanOut, null);
    }

    /**
     * WP01..WP(n-1) → WPn: everything at once, then one final WP.
     *
     * @return the shape
     */
    public static DagShape fanIn() {
        return new DagShape("fan-in", Graphs::fanIn, null);
    }

    /**
     * WP01 → WP02..WP(n-1) → WPn (a chain for n ≤ 2).
     *
     * @return the shape
     */
    public static DagShape diamond() {
        return new DagShape("diamond", Graphs::diamond, null);
    }

    /**
     * No dependencies at all.
     *
     * @return the shape
     */
    public static DagShape independent() {
        return new DagShape("independent", Graphs::independent, null);
    }

    /**
     * A reproducible layered random DAG with about √n layers and at most 3 dependencies per WP; see
     * {@link #layeredRandom(int, int, long)}.
     *
     * @param seed the random seed; the same seed and count always give the same graph
     * @return the shape
     */
    public static DagShape layeredRandom(long seed) {
        return new DagShape("layered-random(seed=" + seed + ")",
                n -> Graphs.layeredRandom(n, Math.max(1, Math.min(n, (int) Math.round(Math.sqrt(n)))), 3, seed),
                null);
    }

    /**
     * A reproducible layered random DAG: the WPs are split into {@code layers} non-empty layers (numbered layer by
     * layer); each WP after the first layer depends on one random WP of the previous layer and on up to
     * {@code maxDependencies - 1} more random WPs of earlier layers. The critical path therefore has exactly
     * {@code layers} WPs.
     *
     * @param layers number of layers; must be in 1..n when the mission is generated
     * @param maxDependencies at least 1
     * @param seed the random seed
     * @return the shape
     * @throws IllegalArgumentException if {@code layers} or {@code maxDependencies} is below 1
     */
    public static DagShape layeredRandom(int layers, int maxDependencies, long seed) {
        if (layers < 1 || maxDependencies < 1) {
            throw new IllegalArgumentException("layers and maxDependencies must be at least 1, got " + layers
                    + " and " + maxDependencies);
        }
        return new DagShape("layered-random(layers=" + layers + ",maxDependencies=" + maxDependencies + ",seed="
                + seed + ")", n -> Graphs.layeredRandom(n, layers, maxDependencies, seed), null);
    }

    /**
     * An explicit graph: every key is a WP of the mission, its value the WPs it depends on.
     *
     * @param dependencies WP id → dependencies; ids must be WP01..WP99 and every dependency must be a key
     * @return the shape
     * @throws IllegalArgumentException on a malformed id, an unknown dependency or a cycle (the message names it)
     * @throws NullPointerException if {@code dependencies} is null
     */
    public static DagShape custom(Map<String, List<String>> dependencies) {
        Objects.requireNonNull(dependencies, "dependencies");
        Map<String, List<String>> validated = Graphs.validate(dependencies);
        return new DagShape("custom", null, validated);
    }

    /**
     * Returns the shape's name, e.g. {@code fan-out}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the explicit graph of a {@link #custom(Map)} shape.
     *
     * @return the graph, or empty for generated shapes
     */
    public Optional<Map<String, List<String>>> customGraph() {
        return Optional.ofNullable(custom);
    }

    /**
     * Builds the dependency map for {@code workPackages} WPs.
     *
     * @param workPackages 1..99; for a custom shape it must equal the number of WPs in its graph
     * @return WP id → sorted dependencies, in WP order; unmodifiable
     * @throws IllegalArgumentException if the count is out of range or does not fit the shape
     */
    public Map<String, List<String>> dependencies(int workPackages) {
        if (custom != null) {
            if (workPackages != custom.size()) {
                throw new IllegalArgumentException("the custom graph has " + custom.size()
                        + " work packages, but " + workPackages + " were asked for; leave the count unset");
            }
            return custom;
        }
        Map<String, List<String>> raw = builder.apply(workPackages);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        raw.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return Graphs.validate(copy);
    }

    @Override
    public String toString() {
        return "DagShape[" + name + "]";
    }
}
