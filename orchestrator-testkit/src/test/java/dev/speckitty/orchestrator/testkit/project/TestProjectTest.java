package dev.speckitty.orchestrator.testkit.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionFiles;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestProjectTest {
    @TempDir
    Path temp;

    @Test
    void createsARepositoryOnMainWithInitialCommitAndLocalIdentity() {
        try (TestProject p = TestProject.createIn(temp)) {
            assertThat(p.root()).isDirectory().startsWith(temp.toRealPath());
            assertThat(p.currentBranch()).isEqualTo("main");
            assertThat(p.branches()).containsExactly("main");
            assertThat(p.log("main")).containsExactly("Initial commit");
            assertThat(p.git("ls-files").lines()).containsExactlyInAnyOrder("README.md", ".gitignore",
                    ".kittify/.gitkeep");
            assertThat(p.root().resolve(".gitignore")).content().contains(".worktrees/");
            // The identity must come from the repository itself, not from a global config CI may not have.
            assertThat(p.git("config", "--local", "user.name").stdout().strip()).isEqualTo(TestProject.GIT_USER_NAME);
            assertThat(p.git("config", "--local", "user.email").stdout().strip())
                    .isEqualTo(TestProject.GIT_USER_EMAIL);
            assertThat(p.git("log", "-1", "--format=%an <%ae>").stdout().strip())
                    .isEqualTo(TestProject.GIT_USER_NAME + " <" + TestProject.GIT_USER_EMAIL + ">");
            assertThat(p.isClean()).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void addMissionWritesAndCommitsIt() {
        try (TestProject p = TestProject.createIn(temp)) {
            GeneratedMission m = p.addMission(MissionGenerator.builder().slug("greeter").workPackages(4)
                    .shape(DagShape.diamond()).build());
            assertThat(m.projectRoot()).isEqualTo(p.root());
            assertThat(p.isClean()).isTrue();
            assertThat(p.log("main")).containsExactly("Add mission " + m.directoryName(), "Initial commit");
            assertThat(p.git("ls-files", "kitty-specs").lines())
                    .contains("kitty-specs/" + m.directoryName() + "/meta.json")
                    .contains("kitty-specs/" + m.directoryName() + "/lanes.json")
                    .hasSize(5 + 4);
            assertThat(MissionFiles.readWorkPackages(m.path())).hasSize(4);
            assertThat(p.changedFiles("HEAD~1", "HEAD")).hasSize(9);

            GeneratedMission second = p.writeMission(MissionGenerator.builder().slug("other").seed(2).build());
            assertThat(p.isClean()).isFalse();
            p.writeFile("README.md", "changed\n");
            assertThat(p.git("status", "--porcelain").lines()).containsExactly(" M README.md",
                    "?? kitty-specs/" + second.directoryName() + "/");
            String before = p.head();
            String after = p.commitAll("Add " + second.directoryName());
            assertThat(after).isNotEqualTo(before).isEqualTo(p.revParse("main"));
            assertThat(p.commitAll("nothing")).isEqualTo(after);
        }
    }

    @Test
    void gitHelpersReportBranchesWorktreesAndFailures() {
        try (TestProject p = TestProject.createIn(temp)) {
            p.git("branch", "feature/x");
            assertThat(p.branches()).containsExactly("feature/x", "main");
            assertThat(p.hasBranch("feature/x")).isTrue();
            assertThat(p.hasBranch("nope")).isFalse();
            Path wt = p.root().resolve(".worktrees").resolve("lane-a");
            p.git("worktree", "add", "-q", "-b", "lane-a", wt.toString(), "main");
            assertThat(p.worktrees()).containsExactly(p.root(), wt);
            assertThat(p.isClean()).isTrue(); // .worktrees/ is ignored

            GitResult bad = p.gitUnchecked(Duration.ofSeconds(30), List.of("rev-parse", "--verify", "no-such-ref"));
            assertThat(bad.succeeded()).isFalse();
            assertThat(bad.exitCode()).isNotZero();
            assertThatThrownBy(() -> p.git("checkout", "no-such-branch")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("git checkout no-such-branch").hasMessageContaining("exited");
            assertThatThrownBy(() -> p.writeFile("../escape.txt", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeDeletesUnlessKept() {
        TestProject deleted = TestProject.createIn(temp);
        Path root = deleted.root();
        deleted.git("worktree", "add", "-q", "-b", "w", root.resolve(".worktrees/w").toString());
        deleted.close();
        deleted.close();
        assertThat(root).doesNotExist();

        TestProject kept = TestProject.createIn(temp).keepOnClose(true);
        kept.close();
        assertThat(kept.root().resolve(".git")).exists();
    }

    @Test
    void createUsesTheSystemTempDirectory() {
        Path root;
        try (TestProject p = TestProject.create()) {
            root = p.root();
            assertThat(Files.isDirectory(root.resolve(".git"))).isTrue();
        }
        assertThat(root).doesNotExist();
    }
}
