package dev.speckitty.orchestrator.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every example's {@code main} against the simulated host so that none can rot: each is run on a project the
 * test owns ({@code --repo-root/--mission}) and the test checks both what it printed and the host state it left.
 */
class ExamplesSmokeTest {
    private TestProject project;
    private GeneratedMission mission;
    private SimulatedHost host;

    @BeforeEach
    void createProject() {
        project = TestProject.create();
        mission = project.addMission(MissionGenerator.builder().slug("smoke").workPackages(4)
                .shape(DagShape.diamond()).build());
        host = SimulatedHost.builder().projectRoot(project.root()).build();
    }

    @AfterEach
    void deleteProject() {
        project.close();
    }

    private String[] onProject(String... extra) {
        String[] base = {"--repo-root", project.root().toString(), "--mission", mission.directoryName()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** Runs a main with System.out captured (tests in this class run one at a time). */
    static String output(Consumer<String[]> main, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.accept(args);
        } finally {
            System.setOut(original);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @Test
    void probeHostReportsTheContractAndTheVerdict() {
        String out = output(ProbeHost::main, onProject());
        assertThat(out).contains("contract version:       1.3.0", "verdict:                compatible",
                "resolve-workspace:      yes", "--review-result-json:   yes", "vocabulary:             MISSION");
        // the explicit contractVersion() call plus the client's own handshake in hostInfo()
        assertThat(host.callCount("contract-version")).isEqualTo(2);
    }

    @Test
    void probeHostDetectsTheFeatureEraVocabularyOfAnOldHost() {
        String out = output(ProbeHost::main, onProject("--profile", "1.0.0-feature"));
        assertThat(out).contains("contract version:       1.0.0", "resolve-workspace:      no (< 1.2.0)",
                "vocabulary before call: AUTO", "vocabulary:             FEATURE");
    }

    @Test
    void readMissionListsLanesDependenciesAndReadyWorkPackages() {
        String out = output(ReadMission::main, onProject());
        String lanePrefix = "kitty/mission-" + mission.directoryName() + "-lane-";
        assertThat(out).contains("mission " + mission.directoryName() + " (4 WPs)",
                "WP01  planned     depends on -  lane lane-a (" + lanePrefix + "a)",
                "WP04  planned     depends on WP02, WP03  lane lane-d (" + lanePrefix + "d)",
                "ready now: WP01");
        // reading changes nothing
        assertThat(host.events(mission.directoryName())).isEmpty();
    }

    @Test
    void minimalLoopFinishesAcceptsAndMergesTheMission() {
        String out = output(MinimalLoop::main, onProject());
        for (String wp : mission.workPackageIds()) {
            assertThat(out).contains(wp + ": done");
            assertThat(host.lane(mission.directoryName(), wp)).isEqualTo(Lane.DONE);
            assertThat(host.subtaskMarks(mission.directoryName(), wp))
                    .containsExactlyElementsOf(mission.subtasks().get(wp));
        }
        assertThat(out).contains("mission accepted and merged into main");
        // the work committed in the lane worktrees landed on main
        assertThat(project.git("ls-tree", "-r", "--name-only", "main").lines())
                .contains("work/WP01.txt", "work/WP02.txt", "work/WP03.txt", "work/WP04.txt");
        // one claim per WP, and no transition was retried
        assertThat(host.callCount("start-implementation")).isEqualTo(4);
        assertThat(host.callCount("transition")).isEqualTo(8);
    }

    @Test
    void minimalLoopSkipsAWorkPackageAnotherActorClaimedFirstAndCarriesOn() {
        // the first claim loses a race: the host answers WP_ALREADY_CLAIMED (and changes nothing)
        project.writeFile(".kittify/sim-host.json", """
                {"faults": [{"command": "start-implementation", "calls": [1], "kind": "error",
                  "error_code": "WP_ALREADY_CLAIMED", "message": "WP WP01 is already claimed",
                  "data": {"claimed_by": "other-orchestrator", "requesting_actor": "minimal-loop:implementer"}}]}
                """);
        String out = output(MinimalLoop::main, onProject());
        assertThat(out).contains("WP01: claimed by other-orchestrator, skipped", "WP01: done",
                "mission accepted and merged into main");
        assertThat(host.callCount("start-implementation")).isEqualTo(5);
    }

    @Test
    void theRealHostModeRunsTheHostAsAProcess() {
        // the simulated spec-kitty executable stands in for a real installation: ProcessTransport, argv, exit codes,
        // and subtask marks through "spec-kitty agent tasks mark-status" as a separate process
        String exe = SimulatedHostExecutable.path().toString();
        String out = output(MinimalLoop::main, onProject("--real-host", "--executable", exe));
        assertThat(out).contains("WP04: done", "mission accepted and merged into main");
        assertThat(host.subtaskMarks(mission.directoryName(), "WP04"))
                .containsExactlyElementsOf(mission.subtasks().get("WP04"));
        assertThat(host.callCount("agent-tasks-mark-status")).isEqualTo(4);
    }

    @Test
    void theExamplesRunWithoutOptionsOnTheirOwnTemporaryProject() {
        assertThat(output(ProbeHost::main)).contains("verdict:                compatible");
        assertThat(output(ReadMission::main)).contains("ready now: WP01");
    }

    @Test
    void badOptionsSayWhatIsMissing() {
        assertThatThrownBy(() -> ExampleSetup.fromArgs(new String[] {"--real-host"}))
                .hasMessageContaining("--real-host needs --repo-root DIR and --mission SLUG");
        assertThatThrownBy(() -> ExampleSetup.fromArgs(new String[] {"--frobnicate"}))
                .hasMessageContaining("unknown option '--frobnicate'");
    }
}
