package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code merge-mission} really merges lanes into the target with each strategy, and refuses when it cannot. */
class MergeMissionTest {
    private static final String M = "042-merge";

    @TempDir
    Path tmp;

    TestRepo repo;
    Sim sim;

    @BeforeEach
    void repo() {
        repo = TestRepo.create(tmp);
        repo.mission(M, null, "release", true, TestRepo.wp("WP01", List.of()), TestRepo.wp("WP02", List.of()));
        sim = new Sim(SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.defaults()).build());
    }

    private void implement(String wp, String file, String text) {
        Path ws = Path.of(sim.start(M, wp, "impl").data().get("workspace_path").asText());
        repo.commitIn(ws, file, text);
        sim.force(M, wp, "approved");
    }

    @Test
    void rebaseStrategyLandsEveryLaneOnTheTargetAndCleansUp() {
        implement("WP01", "one.txt", "1\n");
        implement("WP02", "two.txt", "2\n");
        Sim.Call merged = sim.api("merge-mission", "--mission", M, "--strategy", "rebase");
        assertThat(merged.ok()).as(merged.stdout() + merged.stderr()).isTrue();
        assertThat(merged.data().get("target_branch").asText()).isEqualTo("release");
        assertThat(merged.stdout().lines().filter(l -> l.startsWith("Deleted branch kitty/mission-" + M))).hasSize(3);
        assertThat(repo.git("ls-tree", "--name-only", "release")).contains("one.txt", "two.txt");
        assertThat(repo.git("branch", "--list", "kitty/*")).isBlank();
        assertThat(repo.git("worktree", "list")).doesNotContain(".worktrees");
        assertThat(sim.host.lane(M, "WP01").wireValue()).isEqualTo("done");
        assertThat(repo.root.resolve("one.txt")).doesNotExist(); // main checkout stays on main
    }

    @Test
    void missingTargetAndUnfinishedWpsFailPreflight() {
        implement("WP01", "one.txt", "1\n");
        Sim.Call c = sim.api("merge-mission", "--mission", M, "--target", "nowhere");
        assertThat(c.code()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(c.data().get("errors").toString())
                .contains("Target branch 'nowhere' does not exist locally or on origin.")
                .contains("WP02 is in 'planned'");
        assertThat(c.message()).isEqualTo("Merge failed");
        assertThat(repo.git("branch", "--list", "kitty/*")).contains("lane-a");
    }

    @Test
    void conflictingLanesFailWithoutLeavingAMess() {
        implement("WP01", "same.txt", "from one\n");
        implement("WP02", "same.txt", "from two\n");
        Sim.Call c = sim.api("merge-mission", "--mission", M);
        assertThat(c.code()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(c.data().get("errors").get(0).asText()).startsWith("Merging lane branch kitty/mission-" + M
                + "-lane-b");
        assertThat(repo.git("status", "--porcelain", "--untracked-files=no")).isBlank();
        assertThat(repo.git("worktree", "list")).doesNotContain(M + "-merge").contains(M + "-lane-a");
        assertThat(sim.host.lane(M, "WP01").wireValue()).isEqualTo("approved");
    }

    @Test
    void pushSendsTheTargetToOriginAfterAMergeCommitIntoTheCheckedOutBranch(@TempDir Path origin) {
        TestRepo.gitIn(origin, "init", "-q", "--bare", ".");
        repo.git("remote", "add", "origin", origin.toString());
        repo.git("checkout", "-q", "release");
        implement("WP01", "one.txt", "1\n");
        implement("WP02", "two.txt", "2\n");
        Sim.Call merged = sim.api("merge-mission", "--mission", M, "--push");
        assertThat(merged.ok()).as(merged.stdout() + merged.stderr()).isTrue();
        assertThat(repo.root.resolve("one.txt")).hasContent("1"); // merged in the main checkout, which has release
        assertThat(TestRepo.gitIn(origin, "ls-tree", "--name-only", "release")).contains("one.txt", "two.txt");
        assertThat(repo.git("log", "-1", "--format=%s", "release")).startsWith("Merge mission " + M);
    }
}
