package dev.speckitty.orchestrator.testkit.mission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissionFilesTest {
    @TempDir
    Path mission;

    private void file(String name, String text) throws IOException {
        Files.createDirectories(mission.resolve("tasks"));
        Files.writeString(mission.resolve("tasks").resolve(name), text);
    }

    @Test
    void readsHandWrittenFrontMatterVariants() throws IOException {
        file("WP01.md", "---\nwork_package_id: WP01\ntitle: 'It''s plain'\ndependencies: []\n"
                + "subtasks:\n  - T001\n  - \"T002\"\n# a comment\nlane: planned\nhistory:\n  - at: x\n    by: y\n"
                + "---\nBody line 1\nBody line 2\n");
        file("WP02-second.md", "---\r\nwork_package_id: WP02\r\ntitle: Second # trailing comment\r\n"
                + "dependencies: [WP01, \"WP03\"]\r\nsubtasks: [T003]\r\nagent: codex\r\nmodel: ~\r\n---\r\nx\r\n");
        file("notes.md", "not a prompt file");
        List<WorkPackageFile> wps = MissionFiles.readWorkPackages(mission);
        assertThat(wps).hasSize(2);
        WorkPackageFile wp1 = wps.get(0);
        assertThat(wp1.title()).isEqualTo("It's plain");
        assertThat(wp1.dependencies()).isEmpty();
        assertThat(wp1.subtasks()).containsExactly("T001", "T002");
        assertThat(wp1.body()).isEqualTo("Body line 1\nBody line 2\n");
        WorkPackageFile wp2 = wps.get(1);
        assertThat(wp2.title()).isEqualTo("Second");
        assertThat(wp2.dependencies()).containsExactly("WP01", "WP03");
        assertThat(wp2.agent()).contains("codex");
        assertThat(wp2.model()).isEmpty();
    }

    @Test
    void readsLanesAndMissionIdOfAGeneratedMission(@TempDir Path root) throws IOException {
        GeneratedMission m = MissionGenerator.builder().workPackages(3).seed(3).build().write(root);
        assertThat(MissionFiles.readLanes(m.path())).isEqualTo(m.lanes())
                .containsEntry("WP03", "lane-c");
        assertThat(MissionFiles.readMissionId(m.path())).contains(m.missionId());
        assertThat(MissionFiles.readLanes(mission)).isEmpty();
        assertThat(MissionFiles.readMissionId(mission)).isEmpty();
        Files.writeString(mission.resolve("lanes.json"), "{\"lanes\": [{\"lane_id\": \"lane-a\", \"wp_ids\": "
                + "[\"WP01\"]}, {\"lane_id\": \"lane-b\", \"wp_ids\": [\"WP01\"]}]}");
        assertThatThrownBy(() -> MissionFiles.readLanes(mission)).hasMessageContaining("two lanes");
        Files.writeString(mission.resolve("meta.json"), "[1]");
        assertThatThrownBy(() -> MissionFiles.readMissionId(mission)).hasMessageContaining("JSON object");
    }

    @Test
    void rejectsBrokenFilesNamingThem() throws IOException {
        file("WP01.md", "no front matter\n");
        assertThatThrownBy(() -> MissionFiles.readWorkPackages(mission)).hasMessageContaining("WP01.md")
                .hasMessageContaining("no front matter");
        file("WP01.md", "---\nwork_package_id: WP01\n");
        assertThatThrownBy(() -> MissionFiles.readWorkPackages(mission)).hasMessageContaining("not closed");
        file("WP01.md", "---\nwork_package_id: WP02\n---\n");
        assertThatThrownBy(() -> MissionFiles.readWorkPackages(mission)).hasMessageContaining("does not match");
        file("WP01.md", "---\ntitle: x\n---\n");
        assertThatThrownBy(() -> MissionFiles.readWorkPackages(mission)).hasMessageContaining("no work_package_id");
        file("WP01.md", "---\nwork_package_id: WP01\ndependencies: [WP02\n---\n");
        assertThatThrownBy(() -> MissionFiles.readWorkPackages(mission)).hasMessageContaining("line 3");
        assertThatThrownBy(() -> MissionFiles.readWorkPackages(mission.resolve("nope")))
                .hasMessageContaining("no tasks/ directory");
    }
}
