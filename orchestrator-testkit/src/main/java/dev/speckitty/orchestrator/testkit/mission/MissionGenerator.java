package dev.speckitty.orchestrator.testkit.mission;

import dev.speckitty.orchestrator.testkit.mission.internal.Graphs;
import dev.speckitty.orchestrator.testkit.mission.internal.MissionText;
import dev.speckitty.orchestrator.testkit.mission.internal.Ulids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * Writes a real spec-kitty mission directory for tests and benchmarks. Configure it with {@link #builder()}, then
 * call {@link #write(Path)}:
 *
 * <pre>{@code
 * GeneratedMission m = MissionGenerator.builder().slug("checkout").workPackages(6)
 *         .shape(DagShape.diamond()).subtasksPerWorkPackage(2).seed(7).build()
 *         .write(projectRoot);
 * }</pre>
 *
 * <p>The output is a function of the configuration only (no clock, no randomness beyond {@link #seed()}), so the
 * same generator always writes the same files. Instances are immutable and thread-safe.
 */
@Value.Immutable
public interface MissionGenerator {
    /** Slugs are lower-case words joined by '-', so the directory name is a safe mission selector. */
    Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Returns the slug; the directory name is {@code <slug>-<mid8>}. Default {@code generated-mission}.
     *
     * @return the slug
     */
    @Value.Default
    default String slug() {
        return "generated-mission";
    }

    /**
     * Returns the number of work packages, 1..99. When unset: the size of a {@link DagShape#custom(Map)} graph, or
     * 4 for other shapes.
     *
     * @return the count, if set
     */
    Optional<Integer> workPackages();

    /**
     * Returns the dependency shape. Default {@link DagShape#chain()}.
     *
     * @return the shape
     */
    @Value.Default
    default DagShape shape() {
        return DagShape.chain();
    }

    /**
     * Returns the number of subtasks of each WP (0..99) unless {@link #subtaskCounts()} overrides it. Default 2.
     * Subtask ids are T001, T002, … unique across the mission, in WP order.
     *
     * @return the default subtask count
     */
    @Value.Default
    default int subtasksPerWorkPackage() {
        return 2;
    }

    /**
     * Returns per-WP subtask counts that override {@link #subtasksPerWorkPackage()}.
     *
     * @return WP id → subtask count
     */
    Map<String, Integer> subtaskCounts();

    /**
     * Returns the seed the mission id (and so the {@code mid8} directory suffix) is derived from. Default 1. Two
     * generators that differ only in the seed write missions with different ids.
     *
     * @return the seed
     */
    @Value.Default
    default long seed() {
        return 1L;
    }

    /**
     * Returns title overrides; other WPs get realistic default titles.
     *
     * @return WP id → title
     */
    Map<String, String> titles();

    /**
     * Returns {@code agent:} front-matter hints.
     *
     * @return WP id → agent key, e.g. {@code claude-code}
     */
    Map<String, String> agentHints();

    /**
     * Returns {@code model:} front-matter hints.
     *
     * @return WP id → model name
     */
    Map<String, String> modelHints();

    /**
     * Returns {@code mission_type} for {@code meta.json}. Default {@code software-dev}.
     *
     * @return the mission type
     */
    @Value.Default
    default String missionType() {
        return "software-dev";
    }

    /**
     * Returns {@code target_branch} for {@code meta.json}. Default {@code main}.
     *
     * @return the branch
     */
    @Value.Default
    default String targetBranch() {
        return "main";
    }

    /**
     * Returns {@code mission_number} for {@code meta.json}; written as {@code null} when empty.
     *
     * @return the number, if any
     */
    Optional<Integer> missionNumber();

    /**
     * Returns whether to write {@code lanes.json} (one lane per WP: lane-a, lane-b, …, lane-z, lane-aa, …). Default
     * true; without it the host treats every WP as a non-lane WP.
     *
     * @return whether lanes are written
     */
    @Value.Default
    default boolean writeLanes() {
        return true;
    }

    /** Rejects a configuration that cannot produce a valid mission, naming the field. */
    @Value.Check
    default void check() {
        if (!SLUG.matcher(slug()).matches() || slug().length() > 60) {
            throw new IllegalArgumentException("slug '" + slug()
                    + "' is not valid: use lower-case letters and digits joined by '-', at most 60 characters,"
                    + " e.g. checkout-flow");
        }
        workPackages().ifPresent(Graphs::requireCount);
        requireSubtaskCount("subtasksPerWorkPackage", subtasksPerWorkPackage());
        subtaskCounts().forEach((wp, n) -> {
            requireWp("subtaskCounts", wp);
            requireSubtaskCount("subtaskCounts[" + wp + "]", n);
        });
        titles().forEach((wp, t) -> {
            requireWp("titles", wp);
            if (t.isBlank() || t.contains("\n")) {
                throw new IllegalArgumentException("title of " + wp + " must be one non-blank line");
            }
        });
        agentHints().forEach((wp, a) -> requireHint("agentHints", wp, a));
        modelHints().forEach((wp, m) -> requireHint("modelHints", wp, m));
        if (!SLUG.matcher(missionType().replace('_', '-')).matches()) {
            throw new IllegalArgumentException("missionType '" + missionType() + "' is not valid, e.g. software-dev");
        }
        if (targetBranch().isBlank() || targetBranch().startsWith("-") || targetBranch().contains(" ")) {
            throw new IllegalArgumentException("targetBranch '" + targetBranch() + "' is not a valid branch name");
        }
    }

    /**
     * Writes the mission into {@code <projectRoot>/kitty-specs/<slug>-<mid8>/}: {@code meta.json}, {@code spec.md},
     * {@code plan.md}, {@code tasks.md}, {@code lanes.json} (unless disabled) and {@code tasks/WPnn-<title>.md}.
     * Creates {@code kitty-specs/} if needed. Does not commit anything.
     *
     * @param projectRoot the project (repository) root; must exist
     * @return what was written
     * @throws IllegalArgumentException if the shape does not fit the WP count, a per-WP setting names a WP that is
     *     not in the mission, or the project root does not exist
     * @throws UncheckedIOException if the mission directory already exists (nothing is overwritten) or a write
     *     fails
     */
    default GeneratedMission write(Path projectRoot) {
        if (!Files.isDirectory(projectRoot)) {
            throw new IllegalArgumentException("project root " + projectRoot + " does not exist or is not a directory");
        }
        Map<String, List<String>> deps;
        if (shape().customGraph().isPresent()) {
            deps = shape().dependencies(workPackages().orElse(shape().customGraph().get().size()));
        } else {
            deps = shape().dependencies(workPackages().orElse(4));
        }
        List<String> wpIds = List.copyOf(deps.keySet());
        for (Map<String, ?> perWp : List.of(subtaskCounts(), titles(), agentHints(), modelHints())) {
            for (String wp : perWp.keySet()) {
                if (!deps.containsKey(wp)) {
                    throw new IllegalArgumentException("a per-WP setting names " + wp
                            + ", which is not a work package of this mission " + wpIds);
                }
            }
        }
        String missionId = Ulids.fromSeed(seed());
        String dirName = slug() + "-" + missionId.substring(0, 8);
        String name = humanName(slug());

        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, List<String>> subtasks = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, String> lanes = new LinkedHashMap<>();
        int nextSubtask = 1;
        int index = 0;
        for (String wp : wpIds) {
            String title = titles().getOrDefault(wp, MissionText.defaultTitle(Integer.parseInt(wp.substring(2))));
            titles.put(wp, title);
            int count = subtaskCounts().getOrDefault(wp, subtasksPerWorkPackage());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = String.format("T%03d", nextSubtask++);
                ids.add(id);
                descriptions.put(id, MissionText.subtaskDescription(title, i));
            }
            subtasks.put(wp, List.copyOf(ids));
            if (writeLanes()) {
                lanes.put(wp, MissionText.laneId(index));
            }
            index++;
        }

        Path root = projectRoot.toAbsolutePath().normalize();
        Path dir = root.resolve("kitty-specs").resolve(dirName);
        Map<String, Path> promptFiles = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                throw new UncheckedIOException("mission directory " + dir
                        + " already exists; use another slug or seed (nothing was overwritten)", e);
            }
            write(dir.resolve("meta.json"), MissionText.metaJson(missionId, dirName, missionNumber().orElse(null),
                    missionType(), targetBranch()));
            write(dir.resolve("spec.md"), MissionText.spec(name, wpIds, titles));
            write(dir.resolve("plan.md"), MissionText.plan(name, wpIds, titles, deps));
            write(dir.resolve("tasks.md"), MissionText.tasks(name, wpIds, titles, deps, subtasks, descriptions));
            if (writeLanes()) {
                write(dir.resolve("lanes.json"), MissionText.lanesJson(lanes));
            }
            Path tasksDir = Files.createDirectory(dir.resolve("tasks"));
            for (String wp : wpIds) {
                Path file = tasksDir.resolve(wp + "-" + MissionText.kebab(titles.get(wp)) + ".md");
                write(file, MissionText.prompt(wp, titles.get(wp), deps.get(wp), subtasks.get(wp), descriptions,
                        agentHints().get(wp), modelHints().get(wp), dirName));
                promptFiles.put(wp, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write mission " + dir + ": " + e.getMessage(), e);
        }
        return GeneratedMission.builder()
                .directoryName(dirName)
                .slug(slug())
                .missionId(missionId)
                .projectRoot(root)
                .path(dir)
                .workPackageIds(wpIds)
                .dependencies(deps)
                .subtasks(subtasks)
                .titles(titles)
                .lanes(lanes)
                .promptFiles(promptFiles)
                .build();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String humanName(String slug) {
        StringBuilder sb = new StringBuilder();
        for (String word : slug.split("-")) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return sb.toString();
    }

    private static void requireWp(String field, String wp) {
        if (!Graphs.isWpId(wp)) {
            throw new IllegalArgumentException(field + " names '" + wp + "', which is not a WP id (WP01..WP99)");
        }
    }

    private static void requireSubtaskCount(String field, int n) {
        if (n < 0 || n > 99) {
            throw new IllegalArgumentException(field + " must be in 0..99, got " + n);
        }
    }

    private static void requireHint(String field, String wp, String value) {
        requireWp(field, wp);
        if (value.isBlank() || value.contains("\n") || value.contains("\"")) {
            throw new IllegalArgumentException(field + "[" + wp + "] must be one non-blank line without quotes");
        }
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link MissionGenerator}. */
    final class Builder extends ImmutableMissionGenerator.Builder {}
}
