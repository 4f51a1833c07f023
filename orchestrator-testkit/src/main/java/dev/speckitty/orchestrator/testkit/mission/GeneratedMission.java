package dev.speckitty.orchestrator.testkit.mission;

import dev.speckitty.orchestrator.testkit.mission.internal.Graphs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * A mission written by {@link MissionGenerator}: where it is and what it contains, plus graph helpers for tests and
 * benchmarks (critical path, levels, dependents). Immutable and thread-safe.
 */
@Value.Immutable
public interface GeneratedMission {
    /**
     * Returns the mission's directory name under {@code kitty-specs/}, {@code <slug>-<mid8>}; pass it as the mission
     * selector.
     *
     * @return the directory name
     */
    String directoryName();

    /**
     * Returns the slug the directory name was made from (without the mid8 suffix).
     *
     * @return the slug
     */
    String slug();

    /**
     * Returns the 26-character ULID written to {@code meta.json} as {@code mission_id}.
     *
     * @return the mission id
     */
    String missionId();

    /**
     * Returns the project root the mission was written into.
     *
     * @return the project root
     */
    Path projectRoot();

    /**
     * Returns the absolute mission directory.
     *
     * @return the path
     */
    Path path();

    /**
     * Returns the work package ids in order.
     *
     * @return the WP ids
     */
    List<String> workPackageIds();

    /**
     * Returns each WP's dependencies (sorted), one entry per WP in WP order.
     *
     * @return WP id → dependencies
     */
    Map<String, List<String>> dependencies();

    /**
     * Returns each WP's subtask ids, one entry per WP.
     *
     * @return WP id → subtask ids
     */
    Map<String, List<String>> subtasks();

    /**
     * Returns each WP's title.
     *
     * @return WP id → title
     */
    Map<String, String> titles();

    /**
     * Returns each WP's lane id from {@code lanes.json}; empty when no lanes file was written.
     *
     * @return WP id → lane id
     */
    Map<String, String> lanes();

    /**
     * Returns each WP's prompt file.
     *
     * @return WP id → absolute path of {@code tasks/WPnn-title.md}
     */
    Map<String, Path> promptFiles();

    /**
     * Returns the first 8 characters of the mission id.
     *
     * @return the mid8
     */
    default String mid8() {
        return missionId().substring(0, 8);
    }

    /**
     * Returns the WPs that depend directly on {@code wp}.
     *
     * @param wp a WP id of this mission
     * @return the dependents, sorted
     * @throws IllegalArgumentException if {@code wp} is not part of the mission
     */
    default List<String> dependents(String wp) {
        requireKnown(wp);
        return Graphs.dependents(dependencies()).get(wp);
    }

    /**
     * Returns a deterministic topological order (dependencies first, smaller ids first among equals).
     *
     * @return every WP id
     */
    default List<String> topologicalOrder() {
        return Graphs.topologicalOrder(dependencies());
    }

    /**
     * Returns the depth of a WP: 1 without dependencies, else 1 + the depth of its deepest dependency.
     *
     * @param wp a WP id of this mission
     * @return the depth
     * @throws IllegalArgumentException if {@code wp} is not part of the mission
     */
    default int depth(String wp) {
        requireKnown(wp);
        return Graphs.depths(dependencies()).get(wp);
    }

    /**
     * Returns the number of WPs on the longest dependency chain: the least number of sequential WP rounds any
     * schedule needs (a chain of n has n; independent WPs have 1).
     *
     * @return the critical path length
     */
    default int criticalPathLength() {
        return criticalPath().size();
    }

    /**
     * Returns one longest dependency chain, root first (smallest ids on ties).
     *
     * @return the chain
     */
    default List<String> criticalPath() {
        return Graphs.criticalPath(dependencies());
    }

    /**
     * Returns the WPs grouped by depth: level 0 holds the WPs without dependencies, level k those of depth k+1.
     * With unlimited agents and equal WP durations, level k runs in round k.
     *
     * @return the levels
     */
    default List<List<String>> levels() {
        Map<String, Integer> depths = Graphs.depths(dependencies());
        TreeMap<Integer, List<String>> byDepth = new TreeMap<>();
        new TreeMap<>(depths).forEach((wp, d) -> byDepth.computeIfAbsent(d, k -> new ArrayList<>()).add(wp));
        return byDepth.values().stream().map(List::copyOf).toList();
    }

    /**
     * Returns the size of the widest level: how many agents an ideal level-by-level schedule can keep busy.
     *
     * @return the maximum level width
     */
    default int maxParallelism() {
        return levels().stream().mapToInt(List::size).max().orElse(0);
    }

    /**
     * Returns the lower bound on the makespan of the mission when every WP takes {@code perWorkPackage} time units
     * (implementation plus review) and agents are unlimited: critical path length × {@code perWorkPackage}.
     *
     * @param perWorkPackage time units per WP, at least 0
     * @return the bound
     */
    default long idealMakespan(long perWorkPackage) {
        return criticalPathLength() * perWorkPackage;
    }

    /**
     * Returns the makespan of a greedy critical-path-first schedule with {@code agents} parallel agents when every WP
     * takes {@code perWorkPackage} time units: a realistic target for an engine with that many slots (at least
     * {@link #idealMakespan(long)}; equal to it when agents are not the bottleneck).
     *
     * @param agents the number of WPs that may run at once, at least 1
     * @param perWorkPackage time units per WP, at least 0
     * @return the makespan
     * @throws IllegalArgumentException if {@code agents} is below 1
     */
    default long scheduledMakespan(int agents, long perWorkPackage) {
        return Graphs.scheduledRounds(dependencies(), agents) * perWorkPackage;
    }

    /**
     * Returns the number of dependency edges.
     *
     * @return the edge count
     */
    default int edgeCount() {
        return dependencies().values().stream().mapToInt(Collection::size).sum();
    }

    /**
     * Returns every subtask id of the mission, in WP order.
     *
     * @return the subtask ids
     */
    default List<String> allSubtaskIds() {
        List<String> all = new ArrayList<>();
        for (String wp : workPackageIds()) {
            all.addAll(subtasks().getOrDefault(wp, List.of()));
        }
        return all;
    }

    private void requireKnown(String wp) {
        if (!dependencies().containsKey(wp)) {
            throw new IllegalArgumentException(wp + " is not a work package of mission " + directoryName()
                    + " (it has " + workPackageIds() + ")");
        }
    }

    /**
     * Creates a builder (normally only {@link MissionGenerator} builds these).
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link GeneratedMission}. */
    final class Builder extends ImmutableGeneratedMission.Builder {}
}
