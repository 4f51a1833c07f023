package dev.speckitty.orchestrator.core.git;

import dev.speckitty.orchestrator.core.spi.GitException;
import dev.speckitty.orchestrator.core.spi.GitOperations;
import dev.speckitty.orchestrator.core.spi.WorkspaceCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * {@link GitOperations} over the {@code git} binary: argv lists (never a shell), {@code git -C <workspace>}, a timeout
 * on every call (the process tree is killed on timeout), stdout and stderr drained concurrently, no terminal prompts.
 * Thread-safe; calls for one workspace should not overlap (the engine guarantees it).
 */
public final class GitCommandLine implements GitOperations {
    /** Identity used only when the repository has none configured (CI machines, fresh containers). */
    static final String FALLBACK_NAME = "spec-kitty-orchestrator";
    static final String FALLBACK_EMAIL = "orchestrator@spec-kitty.invalid";

    private final String executable;
    private final Duration timeout;

    private GitCommandLine(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * Creates the operations using {@code git} from {@code PATH}.
     *
     * @param timeout the limit for each git call, positive
     * @return the operations
     */
    public static GitCommandLine create(Duration timeout) {
        return create("git", timeout);
    }

    /**
     * Creates the operations using a given git executable.
     *
     * @param executable the git executable (name or path)
     * @param timeout the limit for each git call, positive
     * @return the operations
     */
    public static GitCommandLine create(String executable, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("git timeout must be positive");
        }
        return new GitCommandLine(executable, timeout);
    }

    @Override
    public WorkspaceCheck check(Path workspace) {
        if (!Files.isDirectory(workspace)) {
            return WorkspaceCheck.builder().exists(Files.exists(workspace)).gitWorkTree(false).build();
        }
        Result inside = run(workspace, "rev-parse", "--is-inside-work-tree");
        if (inside.exit != 0 || !inside.out.strip().equals("true")) {
            return WorkspaceCheck.builder().exists(true).gitWorkTree(false).build();
        }
        Result branch = run(workspace, "symbolic-ref", "--short", "-q", "HEAD");
        Result status = run(workspace, "status", "--porcelain");
        return WorkspaceCheck.builder()
                .exists(true)
                .gitWorkTree(true)
                .branch(branch.exit == 0 && !branch.out.isBlank() ? Optional.of(branch.out.strip()) : Optional.empty())
                .dirty(status.exit == 0 && !status.out.isBlank())
                .build();
    }

    @Override
    public Optional<String> commitAll(Path workspace, String message) {
        ok(run(workspace, "add", "-A"), "add -A");
        Result staged = run(workspace, "diff", "--cached", "--quiet");
        if (staged.exit == 0) {
            return Optional.empty();
        }
        if (staged.exit != 1) {
            throw failure("diff --cached", staged);
        }
        Result commit = run(workspace, "commit", "-q", "--no-verify", "-m", message);
        if (commit.exit != 0 && (commit.err.contains("tell me who you are") || commit.err.contains("user.email")
                || commit.err.contains("empty ident"))) {
            commit = run(workspace, "-c", "user.name=" + FALLBACK_NAME, "-c", "user.email=" + FALLBACK_EMAIL,
                    "commit", "-q", "--no-verify", "-m", message);
        }
        ok(commit, "commit");
        return head(workspace);
    }

    @Override
    public Optional<String> commitPaths(Path repository, List<String> paths, String message) {
        List<String> status = new ArrayList<>(List.of("status", "--porcelain", "--"));
        status.addAll(paths);
        Result changed = run(repository, status.toArray(String[]::new));
        ok(changed, "status");
        if (changed.out.isBlank()) {
            return Optional.empty();
        }
        List<String> add = new ArrayList<>(List.of("add", "--"));
        add.addAll(paths);
        ok(run(repository, add.toArray(String[]::new)), "add");
        List<String> commit = new ArrayList<>(List.of("commit", "-q", "--no-verify", "-m", message, "--"));
        commit.addAll(paths);
        Result done = run(repository, commit.toArray(String[]::new));
        if (done.exit != 0 && (done.err.contains("tell me who you are") || done.err.contains("user.email")
                || done.err.contains("empty ident"))) {
            List<String> again = new ArrayList<>(List.of("-c", "user.name=" + FALLBACK_NAME, "-c",
                    "user.email=" + FALLBACK_EMAIL));
            again.addAll(commit);
            done = run(repository, again.toArray(String[]::new));
        }
        ok(done, "commit");
        return head(repository);
    }

    @Override
    public List<String> discardChanges(Path workspace) {
        Result top = ok(run(workspace, "rev-parse", "--show-toplevel"), "rev-parse --show-toplevel");
        try {
            Path real = workspace.toRealPath();
            Path topReal = Path.of(top.out.strip()).toRealPath();
            if (!real.equals(topReal)) {
                throw new GitException("refusing to discard changes: " + workspace + " is not the root of its work "
                        + "tree (" + topReal + "), so a reset would reach outside the workspace");
            }
        } catch (IOException e) {
            throw new GitException("cannot resolve workspace " + workspace + ": " + e.getMessage(), e);
        }
        Result status = ok(run(workspace, "status", "--porcelain", "--untracked-files=all"), "status");
        List<String> paths = new ArrayList<>();
        for (String line : status.out.split("\n")) {
            if (line.length() > 3) {
                paths.add(line.substring(3).strip());
            }
        }
        if (!paths.isEmpty()) {
            ok(run(workspace, "reset", "-q", "--hard"), "reset --hard");
            ok(run(workspace, "clean", "-fdq"), "clean -fd");
        }
        return paths;
    }

    @Override
    public Optional<String> head(Path workspace) {
        Result r = run(workspace, "rev-parse", "-q", "--verify", "HEAD");
        return r.exit == 0 && !r.out.isBlank() ? Optional.of(r.out.strip()) : Optional.empty();
    }

    @Override
    public Optional<Boolean> isAncestorOfHead(Path workspace, String commit) {
        Result r = run(workspace, "merge-base", "--is-ancestor", commit, "HEAD");
        if (r.exit == 0) {
            return Optional.of(true);
        }
        if (r.exit == 1) {
            return Optional.of(false);
        }
        // 128: not a commit of this repository (gone, or never there): certainly not in HEAD's history
        Result exists = run(workspace, "cat-file", "-e", commit + "^{commit}");
        return exists.exit != 0 ? Optional.of(false) : Optional.empty();
    }

    @Override
    public Optional<String> keepCommit(Path workspace, String commit, String ref) {
        if (run(workspace, "cat-file", "-e", commit + "^{commit}").exit != 0) {
            return Optional.empty();
        }
        Result r = run(workspace, "update-ref", ref, commit);
        return r.exit == 0 ? Optional.of(ref) : Optional.empty();
    }

    @Override
    public int commitsBeyond(Path workspace, String base) {
        Result r = ok(run(workspace, "rev-list", "--count", base + "..HEAD"), "rev-list --count");
        try {
            return Integer.parseInt(r.out.strip());
        } catch (NumberFormatException e) {
            throw new GitException("unexpected rev-list output: " + r.out.strip());
        }
    }

    @Override
    public List<String> filesChanged(Path workspace, String base) {
        Result r = ok(run(workspace, "diff", "--name-only", base + "..HEAD"), "diff --name-only");
        List<String> files = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (!line.isBlank()) {
                files.add(line.strip());
            }
        }
        return files;
    }

    private static Result ok(Result r, String what) {
        if (r.exit != 0) {
            throw failure(what, r);
        }
        return r;
    }

    private static GitException failure(String what, Result r) {
        return new GitException("git " + what + " failed (exit " + r.exit + "): " + r.err.strip());
    }

    private Result run(Path workspace, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        argv.add("-C");
        argv.add(workspace.toString());
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GitException("cannot start git (" + executable + "): " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing to send
        }
        FutureTask<String> out = drainOnOwnThread(p.getInputStream(), "git-stdout");
        FutureTask<String> err = drainOnOwnThread(p.getErrorStream(), "git-stderr");
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new GitException("git " + String.join(" ", args) + " timed out after " + timeout);
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git " + String.join(" ", args), e);
        } catch (ExecutionException e) {
            throw new GitException("cannot read git output: " + e.getCause(), e);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Reads a stream to its end on a dedicated daemon thread. Not the common {@link java.util.concurrent.ForkJoinPool}:
     * when the caller itself runs there (an engine started with {@code CompletableFuture.supplyAsync}) and the pool
     * has a single worker (two CPUs), the drain would never be scheduled and this call would wait forever.
     */
    private static FutureTask<String> drainOnOwnThread(InputStream in, String name) {
        FutureTask<String> task = new FutureTask<>(() -> drain(in));
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static final class Result {
        final int exit;
        final String out;
        final String err;

        Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }
    }
}
