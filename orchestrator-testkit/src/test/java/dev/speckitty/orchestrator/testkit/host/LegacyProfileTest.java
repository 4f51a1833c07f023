package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What older hosts lack (contract section 9), per {@link HostProfile}. */
class LegacyProfileTest {
    private static final String M = "042-demo";

    @TempDir
    Path tmp;

    TestRepo repo;

    @BeforeEach
    void repo() {
        repo = TestRepo.create(tmp);
        repo.mission(M, null, "main", true, TestRepo.wp("WP01", List.of(), "T001"),
                TestRepo.wp("WP02", List.of("WP01")));
    }

    private Sim sim(HostProfile profile) {
        return new Sim(SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.builder()
                .profile(profile).build()).build());
    }

    private static List<String> keys(Sim.Call c) {
        List<String> k = new ArrayList<>();
        c.data().fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void featureEraSpeaksTheFeatureVocabulary() {
        Sim sim = sim(HostProfile.V1_0_0_FEATURE);
        Sim.Call state = sim.api("feature-state", "--feature", M);
        assertThat(state.env().get("command").asText()).isEqualTo("orchestrator-api.feature-state");
        assertThat(state.env().get("contract_version").asText()).isEqualTo("1.0.0");
        assertThat(keys(state)).containsExactly("feature_slug", "summary", "work_packages");
        assertThat(state.data().get("summary").has("in_review")).isFalse();
        assertThat(sim.api("mission-state", "--mission", M).message()).isEqualTo("No such command 'mission-state'.");
        assertThat(sim.api("list-ready", "--mission", M).message()).isEqualTo("No such option: --mission");
        Sim.Call missing = sim.api("feature-state", "--feature", "nope");
        assertThat(missing.code()).isEqualTo("FEATURE_NOT_FOUND");
        assertThat(missing.message()).isEqualTo("Feature 'nope' not found in kitty-specs/");
        Sim.Call ready = sim.api("list-ready", "--feature", M);
        assertThat(ready.data().get("ready_work_packages").get(0).has("recommended_base")).isTrue();
        Sim.Call start = sim.api("start-implementation", "--feature", M, "--wp", "WP01", "--actor", "a", "--policy",
                TestRepo.POLICY);
        assertThat(keys(start)).containsExactly("feature_slug", "wp_id", "from_lane", "to_lane", "workspace_path",
                "prompt_path", "policy_metadata_recorded", "no_op");
        assertThat(start.data().get("workspace_path").asText()).endsWith(".worktrees/" + M + "-WP01");
        sim.host.markSubtasksDone(M, "T001");
        assertThat(sim.api("transition", "--feature", M, "--wp", "WP01", "--to", "for_review", "--actor", "a",
                "--policy", TestRepo.POLICY).ok()).isTrue();
        assertThat(sim.api("start-review", "--feature", M, "--wp", "WP01", "--actor", "r", "--policy",
                TestRepo.POLICY).message()).isEqualTo("--review-ref is required for start-review");
        Sim.Call review = sim.api("start-review", "--feature", M, "--wp", "WP01", "--actor", "r", "--policy",
                TestRepo.POLICY, "--review-ref", "x");
        assertThat(review.data().get("to_lane").asText()).isEqualTo("in_progress");
        assertThat(review.data().has("no_op")).isFalse();
        assertThat(sim.api("transition", "--feature", M, "--wp", "WP01", "--to", "in_review", "--actor", "a")
                .stderr()).contains("Unknown lane");
        Sim.Call notReady = sim.api("accept-feature", "--feature", M, "--actor", "lead");
        assertThat(notReady.code()).isEqualTo("FEATURE_NOT_READY");
        assertThat(keys(notReady)).containsExactly("incomplete_wps");
    }

    @Test
    void contract120HasNoReviewResultAndNoMessageOnStructuredErrors() {
        Sim sim = sim(HostProfile.V1_2_0);
        assertThat(sim.api("contract-version").data().get("api_version").asText()).isEqualTo("1.2.0");
        assertThat(sim.api("transition", "--mission", M, "--wp", "WP01", "--to", "done", "--actor", "a",
                "--review-result-json", "{}").message()).isEqualTo("No such option: --review-result-json");
        Sim.Call deps = sim.start(M, "WP02", "a");
        assertThat(keys(deps)).containsExactly("mission_slug", "mission_number", "mission_type", "wp_id",
                "unsatisfied_dependencies");
        assertThat(deps.data().get("mission_type").asText()).isEqualTo("software-dev");
        assertThat(sim.api("resolve-workspace", "--mission", M, "--wp", "WP01").ok()).isTrue();
        Sim.Call started = sim.start(M, "WP01", "a");
        assertThat(started.data().get("lane_id").asText()).isEqualTo("lane-a");
        repo.commitIn(Path.of(started.data().get("workspace_path").asText()), "x.txt", "x");
        // <= 3.2.5 honours --subtasks-complete
        assertThat(sim.transition(M, "WP01", "for_review", "--subtasks-complete").ok()).isTrue();
        sim.api("start-review", "--mission", M, "--wp", "WP01", "--actor", "rev", "--policy", TestRepo.POLICY);
        Sim.Call other = sim.api("start-review", "--mission", M, "--wp", "WP01", "--actor", "rev2", "--policy",
                TestRepo.POLICY);
        assertThat(other.code()).isEqualTo("WP_ALREADY_CLAIMED");
        assertThat(sim.transition(M, "WP01", "done").message())
                .isEqualTo("Transition from in_review requires review_result (structured review outcome)");
        assertThat(sim.transition(M, "WP01", "done", "--force", "--note", "approved").ok()).isTrue();
    }

    @Test
    void contract110LacksResolveWorkspace() {
        Sim sim = sim(HostProfile.V1_1_0);
        Sim.Call c = sim.api("resolve-workspace", "--mission", M, "--wp", "WP01");
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.message()).isEqualTo("No such command 'resolve-workspace'.");
    }

    @Test
    void contract100MissionEraAllocatesNoLanes() {
        Sim sim = sim(HostProfile.V1_0_0_MISSION);
        Sim.Call started = sim.start(M, "WP01", "a");
        assertThat(started.env().get("contract_version").asText()).isEqualTo("1.0.0");
        assertThat(started.data().has("lane_id")).isFalse();
        assertThat(started.data().get("workspace_path").asText()).endsWith(".worktrees/" + M + "-WP01");
        assertThat(Path.of(started.data().get("workspace_path").asText())).doesNotExist();
        sim.host.markSubtasksDone(M, "T001");
        assertThat(sim.transition(M, "WP01", "for_review").ok()).as("no lane commit gate").isTrue();
    }
}
