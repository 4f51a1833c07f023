package dev.speckitty.orchestrator.testkit.project;

import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.internal.FileTrees;
import dev.speckitty.orchestrator.testkit.project.internal.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A temporary real git repository laid out like a spec-kitty project: branch {@code main} with an initial commit
 * holding {@code README.md}, {@code .kittify/} and a {@code .gitignore} that ignores {@code .worktrees/}. The git
 * identity is set in the repository's own config, so commits work on machines without a global identity.
 *
 * <pre>{@code
 * try (TestProject project = TestProject.create()) {
 *     GeneratedMission m = project.addMission(MissionGenerator.builder().workPackages(3).build());
 *     // run an orchestrator with project.root() as the project root ...
 *     assertThat(project.branches()).contains("main");
 * }
 * }</pre>
 *
 * <p>{@link #close()} deletes the directory unless {@link #keepOnClose(boolean)} was set. Git commands run as
 * separate processes (argv, never a shell) with a timeout; methods may be called from several threads, but git
 * itself serialises writes to one repository through its lock files.
 */
public final class TestProject implements AutoCloseable {
    /** Identity written to the repository's config. */
    public static final String GIT_USER_NAME = "Spec Kitty Test";
    /** E-mail written to the repository's config (a reserved, undeliverable domain). */
    public static final String GIT_USER_EMAIL = "test@example.invalid";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private volatile boolean keep;
    private volatile boolean closed;

    private TestProject(Path root) {
        this.root = root;
    }

    /**
     * Creates a project in a new temporary directory.
     *
     * @return the project
     * @throws UncheckedIOException if the directory cannot be created or git cannot be started
     * @throws IllegalStateException if a git command fails (the message carries git's stderr)
     */
    public static TestProject create() {
        try {
            return init(Files.createTempDirectory("spec-kitty-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /**
     * Creates a project in a new directory below {@code parent} (e.g. a JUnit {@code @TempDir}).
     *
     * @param parent an existing directory
     * @return the project
     * @throws UncheckedIOException if the directory cannot be created or git cannot be started
     * @throws IllegalStateException if a git command fails
     */
    public static TestProject createIn(Path parent) {
        Objects.requireNonNull(parent, "parent");
        try {
            return init(Files.createTempDirectory(parent, "project-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + parent, e);
        }
    }

    private static TestProject init(Path dir) throws IOException {
        TestProject p = new TestProject(dir.toRealPath());
        try {
            p.git("init", "-q");
            p.git("symbolic-ref", "HEAD", "refs/heads/main");
            p.git("config", "user.name", GIT_USER_NAME);
            p.git("config", "user.email", GIT_USER_EMAIL);
            p.git("config", "commit.gpgsign", "false");
            p.git("config", "tag.gpgsign", "false");
            p.git("config", "core.autocrlf", "false");
            p.writeFile("README.md", "# Test project\n\nA temporary repository created by the spec-kitty test kit.\n");
            p.writeFile(".gitignore", ".worktrees/\n");
            p.writeFile(".kittify/.gitkeep", "");
            p.git("add", "-A");
            p.git("commit", "-q", "-m", "Initial commit");
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /**
     * Returns the repository root (a real path, symbolic links resolved).
     *
     * @return the root
     */
    public Path root() {
        return root;
    }

    /**
     * Sets whether {@link #close()} keeps the directory (for inspecting a failed test).
     *
     * @param keepOnClose true to keep it
     * @return this project
     */
    public TestProject keepOnClose(boolean keepOnClose) {
        this.keep = keepOnClose;
        return this;
    }

    /**
     * Writes a mission into {@code kitty-specs/} and commits it on the current branch.
     *
     * @param generator the mission to write
     * @return the written mission
     * @throws IllegalArgumentException if the generator's configuration does not fit
     * @throws UncheckedIOException if the mission already exists or cannot be written
     * @throws IllegalStateException if the commit fails
     */
    public GeneratedMission addMission(MissionGenerator generator) {
        GeneratedMission mission = generator.write(root);
        git("add", "--", root.relativize(mission.path()).toString());
        git("commit", "-q", "-m", "Add mission " + mission.directoryName());
        return mission;
    }

    /**
     * Writes a mission into {@code kitty-specs/} without committing it.
     *
     * @param generator the mission to write
     * @return the written mission
     * @throws IllegalArgumentException if the generator's configuration does not fit
     * @throws UncheckedIOException if the mission already exists or cannot be written
     */
    public GeneratedMission writeMission(MissionGenerator generator) {
        return generator.write(root);
    }

    /**
     * Writes a UTF-8 file relative to the root, creating parent directories.
     *
     * @param relativePath a path inside the repository
     * @param content the text
     * @return the absolute path
     * @throws IllegalArgumentException if the path leaves the repository
     * @throws UncheckedIOException if the write fails
     */
    public Path writeFile(String relativePath, String content) {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("path '" + relativePath + "' is outside the project " + root);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Stages everything and commits it. Does nothing when there is nothing to commit.
     *
     * @param message the commit message
     * @return the commit id of HEAD afterwards
     * @throws IllegalStateException if git fails
     */
    public String commitAll(String message) {
        git("add", "-A");
        if (!git("status", "--porcelain").stdout().isBlank()) {
            git("commit", "-q", "-m", message);
        }
        return head();
    }

    /**
     * Runs {@code git <args>} in the root with the default timeout (60 s) and fails on a non-zero exit.
     *
     * @param args git arguments, e.g. {@code "log", "--oneline"}
     * @return the result (always successful)
     * @throws IllegalStateException if git exits non-zero or times out; the message has the argv, exit code and
     *     stderr
     */
    public GitResult git(String... args) {
        return git(DEFAULT_TIMEOUT, Arrays.asList(args));
    }

    /**
     * Runs {@code git <args>} in the root and fails on a non-zero exit.
     *
     * @param timeout the time limit; the process tree is killed when it expires
     * @param args git arguments
     * @return the result (always successful)
     * @throws IllegalStateException if git exits non-zero or times out
     */
    public GitResult git(Duration timeout, List<String> args) {
        GitResult r = gitUnchecked(timeout, args);
        if (!r.succeeded()) {
            throw new IllegalStateException("git " + String.join(" ", args) + " in " + root
                    + (r.timedOut() ? " timed out after " + timeout : " exited " + r.exitCode()) + ": "
                    + r.stderr().strip());
        }
        return r;
    }

    /**
     * Runs {@code git <args>} in the root and returns the result whatever the exit code.
     *
     * @param timeout the time limit; the process tree is killed when it expires
     * @param args git arguments
     * @return the result
     * @throws UncheckedIOException if git cannot be started
     */
    public GitResult gitUnchecked(Duration timeout, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.addAll(args);
        Map<String, String> env = new LinkedHashMap<>();
        // A test run from inside a git hook inherits these; they would redirect git to another repository.
        env.put("GIT_DIR", null);
        env.put("GIT_WORK_TREE", null);
        env.put("GIT_INDEX_FILE", null);
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        ProcessRunner.Result r = ProcessRunner.run(argv, root, env, null, timeout);
        return GitResult.builder().args(args).exitCode(r.exitCode()).stdout(r.stdout()).stderr(r.stderr())
                .timedOut(r.timedOut()).build();
    }

    /**
     * Returns the commit id of HEAD.
     *
     * @return the full commit id
     * @throws IllegalStateException if git fails
     */
    public String head() {
        return revParse("HEAD");
    }

    /**
     * Resolves a revision to a commit id.
     *
     * @param revision e.g. a branch name
     * @return the full commit id
     * @throws IllegalStateException if the revision does not exist
     */
    public String revParse(String revision) {
        return git("rev-parse", "--verify", "--quiet", revision + "^{commit}").stdout().strip();
    }

    /**
     * Returns the checked-out branch of the root checkout.
     *
     * @return the branch name, e.g. {@code main}
     * @throws IllegalStateException if HEAD is detached
     */
    public String currentBranch() {
        return git("symbolic-ref", "--short", "HEAD").stdout().strip();
    }

    /**
     * Returns the local branch names, sorted.
     *
     * @return branch names such as {@code main} and {@code kitty/mission-x-lane-a}
     */
    public List<String> branches() {
        return git("for-each-ref", "--format=%(refname:short)", "refs/heads/").lines();
    }

    /**
     * Tells whether a local branch exists.
     *
     * @param branch the branch name
     * @return whether it exists
     */
    public boolean hasBranch(String branch) {
        return gitUnchecked(DEFAULT_TIMEOUT, List.of("show-ref", "--verify", "--quiet", "refs/heads/" + branch))
                .succeeded();
    }

    /**
     * Returns the subjects of the commits reachable from {@code revision}, newest first.
     *
     * @param revision e.g. {@code main}
     * @return the commit subjects
     * @throws IllegalStateException if the revision does not exist
     */
    public List<String> log(String revision) {
        return git("log", "--format=%s", revision, "--").lines();
    }

    /**
     * Returns the paths changed between two revisions ({@code git diff --name-only from to}).
     *
     * @param from the base revision
     * @param to the other revision
     * @return the changed paths, relative to the root
     */
    public List<String> changedFiles(String from, String to) {
        return git("diff", "--name-only", from, to, "--").lines();
    }

    /**
     * Returns the paths of all worktrees, the main checkout first.
     *
     * @return the worktree paths
     */
    public List<Path> worktrees() {
        List<Path> result = new ArrayList<>();
        for (String line : git("worktree", "list", "--porcelain").lines()) {
            if (line.startsWith("worktree ")) {
                result.add(Path.of(line.substring("worktree ".length())));
            }
        }
        return result;
    }

    /**
     * Tells whether the root checkout has no uncommitted changes (untracked files count as changes).
     *
     * @return whether it is clean
     */
    public boolean isClean() {
        return git("status", "--porcelain").stdout().isBlank();
    }

    /**
     * Deletes the repository directory (with any worktrees inside it) unless asked to keep it. Idempotent.
     *
     * @throws UncheckedIOException if the directory cannot be deleted
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (keep) {
            return;
        }
        try {
            FileTrees.deleteRecursively(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete test project " + root, e);
        }
    }

    @Override
    public String toString() {
        return "TestProject[" + root + "]";
    }
}
