package dev.speckitty.orchestrator.testkit.mission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MissionGeneratorTest {
    private static final Pattern ULID = Pattern.compile("[0-7][0123456789ABCDEFGHJKMNPQRSTVWXYZ]{25}");

    @TempDir
    Path root;

    @Test
    void chainWritesAllFilesAndTheyParseBack() throws IOException {
        GeneratedMission m = MissionGenerator.builder().slug("checkout-flow").workPackages(3).seed(42).build()
                .write(root);

        assertThat(m.missionId()).matches(ULID);
        assertThat(m.directoryName()).isEqualTo("checkout-flow-" + m.missionId().substring(0, 8));
        assertThat(m.path()).isEqualTo(root.toAbsolutePath().resolve("kitty-specs").resolve(m.directoryName()));
        assertThat(m.workPackageIds()).containsExactly("WP01", "WP02", "WP03");
        assertThat(m.dependencies()).containsExactly(Map.entry("WP01", List.of()), Map.entry("WP02", List.of("WP01")),
                Map.entry("WP03", List.of("WP02")));
        assertThat(m.subtasks()).containsExactly(Map.entry("WP01", List.of("T001", "T002")),
                Map.entry("WP02", List.of("T003", "T004")), Map.entry("WP03", List.of("T005", "T006")));
        for (String f : List.of("meta.json", "spec.md", "plan.md", "tasks.md", "lanes.json")) {
            assertThat(m.path().resolve(f)).isRegularFile();
        }

        String meta = Files.readString(m.path().resolve("meta.json"));
        assertThat(meta).contains("\"mission_id\": \"" + m.missionId() + "\"")
                .contains("\"mission_slug\": \"" + m.directoryName() + "\"")
                .contains("\"mission_number\": null")
                .contains("\"mission_type\": \"software-dev\"")
                .contains("\"target_branch\": \"main\"");
        String lanes = Files.readString(m.path().resolve("lanes.json"));
        assertThat(lanes.replaceAll("\\s+", "")).isEqualTo("{\"version\":1,\"lanes\":["
                + "{\"lane_id\":\"lane-a\",\"wp_ids\":[\"WP01\"]},"
                + "{\"lane_id\":\"lane-b\",\"wp_ids\":[\"WP02\"]},"
                + "{\"lane_id\":\"lane-c\",\"wp_ids\":[\"WP03\"]}]}");
        String tasks = Files.readString(m.path().resolve("tasks.md"));
        assertThat(tasks).contains("## Work Package WP02: ").contains("- [ ] T003 ").contains("- [ ] T006 ");

        List<WorkPackageFile> wps = MissionFiles.readWorkPackages(m.path());
        assertThat(wps).extracting(WorkPackageFile::workPackageId).containsExactly("WP01", "WP02", "WP03");
        for (WorkPackageFile wp : wps) {
            assertThat(wp.dependencies()).isEqualTo(m.dependencies().get(wp.workPackageId()));
            assertThat(wp.subtasks()).isEqualTo(m.subtasks().get(wp.workPackageId()));
            assertThat(wp.title()).isEqualTo(m.titles().get(wp.workPackageId()));
            assertThat(wp.path()).isEqualTo(m.promptFiles().get(wp.workPackageId()));
            assertThat(wp.path().getFileName().toString()).startsWith(wp.workPackageId() + "-").endsWith(".md");
            assertThat(wp.body()).contains("# Work Package Prompt: " + wp.workPackageId())
                    .contains("mark-status " + String.join(" ", wp.subtasks()) + " --status done --mission "
                            + m.directoryName());
            assertThat(wp.agent()).isEmpty();
        }
    }

    @Test
    void shapesHaveTheDocumentedEdges() {
        assertThat(DagShape.fanOut().dependencies(4)).containsExactly(Map.entry("WP01", List.of()),
                Map.entry("WP02", List.of("WP01")), Map.entry("WP03", List.of("WP01")),
                Map.entry("WP04", List.of("WP01")));
        assertThat(DagShape.fanIn().dependencies(4)).containsExactly(Map.entry("WP01", List.of()),
                Map.entry("WP02", List.of()), Map.entry("WP03", List.of()),
                Map.entry("WP04", List.of("WP01", "WP02", "WP03")));
        assertThat(DagShape.diamond().dependencies(4)).containsExactly(Map.entry("WP01", List.of()),
                Map.entry("WP02", List.of("WP01")), Map.entry("WP03", List.of("WP01")),
                Map.entry("WP04", List.of("WP02", "WP03")));
        assertThat(DagShape.diamond().dependencies(2)).containsExactly(Map.entry("WP01", List.of()),
                Map.entry("WP02", List.of("WP01")));
        assertThat(DagShape.independent().dependencies(3).values()).allMatch(List::isEmpty);
        assertThat(DagShape.chain().dependencies(1)).containsExactly(Map.entry("WP01", List.of()));
    }

    @Test
    void criticalPathHelpersMatchTheShapes() {
        assertThat(mission(DagShape.chain(), 5, "a").criticalPathLength()).isEqualTo(5);
        GeneratedMission diamond = mission(DagShape.diamond(), 6, "b");
        assertThat(diamond.criticalPath()).containsExactly("WP01", "WP02", "WP06");
        assertThat(diamond.levels()).containsExactly(List.of("WP01"), List.of("WP02", "WP03", "WP04", "WP05"),
                List.of("WP06"));
        assertThat(diamond.maxParallelism()).isEqualTo(4);
        assertThat(diamond.edgeCount()).isEqualTo(8);
        assertThat(diamond.dependents("WP01")).containsExactly("WP02", "WP03", "WP04", "WP05");
        assertThat(diamond.depth("WP06")).isEqualTo(3);
        assertThat(diamond.idealMakespan(10)).isEqualTo(30);
        GeneratedMission independent = mission(DagShape.independent(), 7, "c");
        assertThat(independent.criticalPathLength()).isEqualTo(1);
        assertThat(independent.maxParallelism()).isEqualTo(7);
        assertThat(mission(DagShape.fanIn(), 5, "d").criticalPathLength()).isEqualTo(2);
        assertThat(diamond.scheduledMakespan(2, 10)).isEqualTo(40); // WP01, 2 rounds of 2 middles, WP06
        assertThat(diamond.scheduledMakespan(4, 10)).isEqualTo(30);
        assertThat(independent.scheduledMakespan(3, 5)).isEqualTo(15); // 7 WPs on 3 agents: 3 rounds
        assertThat(mission(DagShape.chain(), 4, "e").scheduledMakespan(8, 1)).isEqualTo(4);
        // Critical path first: WP01 -> WP02 -> WP03 must start before the independent WP04 and WP05.
        GeneratedMission mixed = MissionGenerator.builder().slug("mixed").shape(DagShape.custom(Map.of(
                "WP01", List.of(), "WP02", List.of("WP01"), "WP03", List.of("WP02"), "WP04", List.of(),
                "WP05", List.of()))).build().write(root);
        assertThat(mixed.scheduledMakespan(1, 1)).isEqualTo(5);
        assertThat(mixed.scheduledMakespan(2, 1)).isEqualTo(3);
        assertThatThrownBy(() -> mixed.scheduledMakespan(0, 1)).hasMessageContaining("agents");
        assertThatThrownBy(() -> diamond.depth("WP09")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WP09");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99, 12345, -7})
    void layeredRandomIsReproducibleAcyclicAndLayered(long seed) {
        Map<String, List<String>> a = DagShape.layeredRandom(4, 3, seed).dependencies(20);
        Map<String, List<String>> b = DagShape.layeredRandom(4, 3, seed).dependencies(20);
        assertThat(a).isEqualTo(b).hasSize(20);
        assertTopological(a);
        for (List<String> deps : a.values()) {
            assertThat(deps.size()).isLessThanOrEqualTo(3);
        }
        GeneratedMission m = MissionGenerator.builder().slug("rnd" + Math.abs(seed)).workPackages(20)
                .shape(DagShape.layeredRandom(4, 3, seed)).build().write(root);
        // Each WP after the first layer depends on the previous layer, so the critical path is the layer count.
        assertThat(m.criticalPathLength()).isEqualTo(4);
        assertThat(m.levels()).hasSize(4);
    }

    @Test
    void layeredRandomDiffersBetweenSeedsAndDefaultLayersWork() {
        Set<Map<String, List<String>>> graphs = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            Map<String, List<String>> g = DagShape.layeredRandom(seed).dependencies(30);
            assertTopological(g);
            graphs.add(g);
        }
        assertThat(graphs.size()).isGreaterThan(1);
        assertThat(DagShape.layeredRandom(5).dependencies(1)).containsExactly(Map.entry("WP01", List.of()));
    }

    @Test
    void customGraphIsValidated() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("WP01", List.of());
        g.put("WP03", List.of("WP01"));
        g.put("WP02", List.of("WP03", "WP01"));
        GeneratedMission m = MissionGenerator.builder().slug("custom").shape(DagShape.custom(g)).build().write(root);
        assertThat(m.workPackageIds()).containsExactly("WP01", "WP02", "WP03");
        assertThat(m.dependencies().get("WP02")).containsExactly("WP01", "WP03");
        assertThat(m.criticalPath()).containsExactly("WP01", "WP03", "WP02");

        assertThatThrownBy(() -> DagShape.custom(Map.of("WP01", List.of("WP02"), "WP02", List.of("WP03"),
                "WP03", List.of("WP01")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> DagShape.custom(Map.of("WP01", List.of("WP01"))))
                .hasMessageContaining("depends on itself");
        assertThatThrownBy(() -> DagShape.custom(Map.of("WP1", List.of()))).hasMessageContaining("'WP1'");
        assertThatThrownBy(() -> DagShape.custom(Map.of("WP00", List.of()))).hasMessageContaining("WP00");
        assertThatThrownBy(() -> DagShape.custom(Map.of("WP100", List.of()))).hasMessageContaining("WP100");
        assertThatThrownBy(() -> DagShape.custom(Map.of("WP01", List.of("WP02"))))
                .hasMessageContaining("not a work package of this mission");
        assertThatThrownBy(() -> MissionGenerator.builder().shape(DagShape.custom(g)).workPackages(5).build()
                .write(root)).hasMessageContaining("custom graph has 3");
    }

    @Test
    void rejectsBadConfigurationWithClearMessages() {
        assertThatThrownBy(() -> MissionGenerator.builder().workPackages(0).build()).hasMessageContaining("1..99");
        assertThatThrownBy(() -> MissionGenerator.builder().workPackages(100).build()).hasMessageContaining("1..99");
        assertThatThrownBy(() -> MissionGenerator.builder().slug("Bad Slug").build()).hasMessageContaining("slug");
        assertThatThrownBy(() -> MissionGenerator.builder().putAgentHint("WP1", "x").build())
                .hasMessageContaining("agentHints");
        assertThatThrownBy(() -> MissionGenerator.builder().workPackages(2).putTitle("WP07", "x").build()
                .write(root)).hasMessageContaining("WP07");
        assertThatThrownBy(() -> MissionGenerator.builder().subtasksPerWorkPackage(-1).build())
                .hasMessageContaining("subtasksPerWorkPackage");
    }

    @Test
    void neverOverwritesAnExistingMission() {
        MissionGenerator g = MissionGenerator.builder().slug("same").seed(5).build();
        g.write(root);
        assertThatThrownBy(() -> g.write(root)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void sameConfigurationWritesIdenticalFilesAndSeedsChangeTheId() throws IOException {
        Path other = Files.createDirectory(root.resolve("other"));
        MissionGenerator g = MissionGenerator.builder().slug("repro").workPackages(5).shape(DagShape.diamond())
                .seed(9).build();
        GeneratedMission a = g.write(root);
        GeneratedMission b = g.write(other);
        assertThat(a.missionId()).isEqualTo(b.missionId());
        assertThat(contents(a.path())).isEqualTo(contents(b.path()));

        Set<String> mid8s = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            String id = MissionGenerator.builder().seed(seed).build().write(Files.createTempDirectory(root, "s"))
                    .missionId();
            assertThat(id).matches(ULID).startsWith("01"); // a timestamp of these years, like real mission ids
            mid8s.add(id.substring(0, 8));
        }
        assertThat(mid8s).hasSize(200);
    }

    @Test
    void hintsSubtaskCountsTitlesAndManyLanes() {
        GeneratedMission m = MissionGenerator.builder().slug("big").workPackages(30).shape(DagShape.independent())
                .subtasksPerWorkPackage(1).putSubtaskCount("WP02", 3).putSubtaskCount("WP03", 0)
                .putTitle("WP01", "Say \"hello\" \\ world").putAgentHint("WP01", "claude-code")
                .putModelHint("WP01", "claude-sonnet-4").build().write(root);
        assertThat(m.subtasks().get("WP01")).containsExactly("T001");
        assertThat(m.subtasks().get("WP02")).containsExactly("T002", "T003", "T004");
        assertThat(m.subtasks().get("WP03")).isEmpty();
        assertThat(m.subtasks().get("WP04")).containsExactly("T005");
        assertThat(m.allSubtaskIds()).doesNotHaveDuplicates().hasSize(31);
        assertThat(m.lanes().get("WP26")).isEqualTo("lane-z");
        assertThat(m.lanes().get("WP27")).isEqualTo("lane-aa");
        assertThat(m.lanes().get("WP30")).isEqualTo("lane-ad");

        Map<String, WorkPackageFile> read = new LinkedHashMap<>();
        MissionFiles.readWorkPackages(m.path()).forEach(w -> read.put(w.workPackageId(), w));
        assertThat(read).hasSize(30);
        assertThat(read.get("WP01").title()).isEqualTo("Say \"hello\" \\ world");
        assertThat(read.get("WP01").agent()).contains("claude-code");
        assertThat(read.get("WP01").model()).contains("claude-sonnet-4");
        assertThat(read.get("WP02").agent()).isEmpty();
        assertThat(read.get("WP03").subtasks()).isEmpty();
        assertThat(MissionFiles.findPromptFile(m.path(), "WP02")).contains(m.promptFiles().get("WP02"));
    }

    @Test
    void ninetyNineWorkPackagesInARandomLayeredShape() {
        GeneratedMission m = MissionGenerator.builder().slug("max").workPackages(99)
                .shape(DagShape.layeredRandom(10, 4, 77)).build().write(root);
        assertThat(m.workPackageIds()).hasSize(99).startsWith("WP01").endsWith("WP99");
        assertThat(m.lanes()).containsEntry("WP53", "lane-ba").containsEntry("WP99", "lane-cu");
        assertThat(m.lanes().values()).doesNotHaveDuplicates();
        assertThat(m.allSubtaskIds()).hasSize(198).doesNotHaveDuplicates().endsWith("T198");
        assertThat(m.criticalPathLength()).isEqualTo(10);
        assertThat(m.topologicalOrder()).hasSize(99);
        List<WorkPackageFile> read = MissionFiles.readWorkPackages(m.path());
        assertThat(read).hasSize(99);
        for (WorkPackageFile wp : read) {
            assertThat(wp.dependencies()).isEqualTo(m.dependencies().get(wp.workPackageId()));
        }
    }

    @Test
    void noLanesFileWhenDisabled() {
        GeneratedMission m = MissionGenerator.builder().writeLanes(false).build().write(root);
        assertThat(m.path().resolve("lanes.json")).doesNotExist();
        assertThat(m.lanes()).isEmpty();
    }

    private GeneratedMission mission(DagShape shape, int n, String slug) {
        return MissionGenerator.builder().slug(slug).shape(shape).workPackages(n).build().write(root);
    }

    private static void assertTopological(Map<String, List<String>> g) {
        for (Map.Entry<String, List<String>> e : g.entrySet()) {
            for (String d : e.getValue()) {
                assertThat(d).isLessThan(e.getKey()); // generated shapes number WPs in dependency order: no cycles
                assertThat(g).containsKey(d);
            }
        }
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> list = new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
            for (Path f : list) {
                result.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        return result;
    }
}
