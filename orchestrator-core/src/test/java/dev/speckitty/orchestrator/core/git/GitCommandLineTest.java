package dev.speckitty.orchestrator.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.core.spi.GitException;
import dev.speckitty.orchestrator.core.spi.WorkspaceCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommandLineTest {
    @TempDir
    Path dir;

    private final GitCommandLine git = GitCommandLine.create(Duration.ofSeconds(30));

    private static void run(Path cwd, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c",
                "user.email=t@example.invalid"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }

    private Path repo() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        run(repo, "init", "-q", "-b", "kitty/lane-a");
        Files.writeString(repo.resolve("README.md"), "hi\n");
        run(repo, "add", "-A");
        run(repo, "commit", "-q", "-m", "init");
        return repo;
    }

    /**
     * The engine may itself run on a common-pool worker (a caller's {@code CompletableFuture.supplyAsync}); with every
     * worker busy, git's output must still be read, or the call waits forever (seen on Temurin 25 with two CPUs,
     * where the common pool has a single worker).
     */
    @Test
    void readsGitOutputWhileEveryCommonPoolWorkerIsBusy() throws Exception {
        Path repo = repo();
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch allBusy = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> blockers = new java.util.ArrayList<>();
        for (int i = 0; i < workers; i++) {
            blockers.add(CompletableFuture.runAsync(() -> {
                allBusy.countDown();
                awaitQuietly(release);
            }, ForkJoinPool.commonPool()));
        }
        try {
            assertThat(allBusy.await(30, TimeUnit.SECONDS)).as("every common-pool worker is blocked").isTrue();
            CompletableFuture<Optional<String>> head = new CompletableFuture<>();
            Thread caller = new Thread(() -> head.complete(git.head(repo)));
            caller.start();
            // A generous bound that only turns a hang into a failure; the call itself takes milliseconds.
            assertThat(head.get(60, TimeUnit.SECONDS)).isPresent();
        } finally {
            release.countDown();
            CompletableFuture.allOf(blockers.toArray(CompletableFuture[]::new)).join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void checksWorkspaces() throws Exception {
        Path repo = repo();
        WorkspaceCheck c = git.check(repo);
        assertThat(c.exists()).isTrue();
        assertThat(c.gitWorkTree()).isTrue();
        assertThat(c.branch()).contains("kitty/lane-a");
        assertThat(c.dirty()).isFalse();
        assertThat(git.check(dir.resolve("missing")).exists()).isFalse();
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(git.check(plain).gitWorkTree()).isFalse();
    }

    @Test
    void commitsEverythingAndCountsCommitsBeyondABase() throws Exception {
        Path repo = repo();
        String base = git.head(repo).orElseThrow();
        assertThat(git.commitAll(repo, "feat(WP01): nothing")).isEmpty();
        Files.writeString(repo.resolve("a.txt"), "a\n");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/b.txt"), "b\n");
        Optional<String> commit = git.commitAll(repo, "feat(WP01): implementation by x (attempt 1)");
        assertThat(commit).isPresent();
        assertThat(git.head(repo)).isEqualTo(commit);
        assertThat(git.commitsBeyond(repo, base)).isEqualTo(1);
        assertThat(git.filesChanged(repo, base)).containsExactlyInAnyOrder("a.txt", "src/b.txt");
    }

    @Test
    void discardsChangesOnlyAtTheWorkTreeRoot() throws Exception {
        Path repo = repo();
        Files.writeString(repo.resolve("README.md"), "changed\n");
        Files.writeString(repo.resolve("notes.md"), "reviewer notes\n");
        assertThat(git.discardChanges(repo)).containsExactlyInAnyOrder("README.md", "notes.md");
        assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("hi\n");
        assertThat(repo.resolve("notes.md")).doesNotExist();
        assertThat(git.discardChanges(repo)).isEmpty();
        Path sub = Files.createDirectories(repo.resolve("sub"));
        assertThatThrownBy(() -> git.discardChanges(sub)).isInstanceOf(GitException.class)
                .hasMessageContaining("not the root");
    }

    @Test
    void tellsWhetherACommitIsInHeadsHistoryAndKeepsOneThatLeftIt() throws Exception {
        Path repo = repo();
        String first = git.head(repo).orElseThrow();
        Files.writeString(repo.resolve("a.txt"), "a\n");
        String second = git.commitAll(repo, "second").orElseThrow();
        assertThat(git.isAncestorOfHead(repo, first)).contains(true);
        assertThat(git.isAncestorOfHead(repo, second)).contains(true);
        run(repo, "reset", "-q", "--hard", first);
        assertThat(git.isAncestorOfHead(repo, second)).contains(false);
        assertThat(git.isAncestorOfHead(repo, "0123456789012345678901234567890123456789")).contains(false);

        assertThat(git.keepCommit(repo, second, "refs/spec-kitty/kept/WP01-x")).contains("refs/spec-kitty/kept/WP01-x");
        assertThat(git.isAncestorOfHead(repo, second)).contains(false);
        run(repo, "cat-file", "-e", "refs/spec-kitty/kept/WP01-x^{commit}");
        assertThat(git.keepCommit(repo, "0123456789012345678901234567890123456789", "refs/spec-kitty/kept/y"))
                .isEmpty();
    }
}
