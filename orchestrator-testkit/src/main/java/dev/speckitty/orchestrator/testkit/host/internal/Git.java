package dev.speckitty.orchestrator.testkit.host.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs git with an argv list (never a shell), a bounded timeout and both streams drained concurrently. */
public final class Git {
    /** The outcome of one git command. */
    public record Result(int exitCode, String stdout, String stderr) {
        /**
         * Tells whether git exited 0.
         *
         * @return whether it succeeded
         */
        public boolean ok() {
            return exitCode == 0;
        }

        /**
         * Returns stdout trimmed.
         *
         * @return the text
         */
        public String out() {
            return stdout.trim();
        }

        /**
         * Returns the most useful failure text: stderr, else stdout.
         *
         * @return the text
         */
        public String error() {
            String e = stderr.trim();
            return e.isEmpty() ? stdout.trim() : e;
        }
    }

    /** A git command that failed; the message names the command and git's own text. */
    public static final class GitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Result result;

        GitException(String message, Result result) {
            super(message);
            this.result = result;
        }

        /**
         * Returns git's outcome.
         *
         * @return the result
         */
        public Result result() {
            return result;
        }
    }

    private final Duration timeout;

    /**
     * Creates a runner.
     *
     * @param timeout the bound on every command
     */
    public Git(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Runs git in a directory.
     *
     * @param dir the working directory
     * @param args the arguments after {@code git}
     * @return the outcome, whatever the exit code
     */
    public Result run(Path dir, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().putIfAbsent("GIT_AUTHOR_NAME", "spec-kitty-sim");
        pb.environment().putIfAbsent("GIT_AUTHOR_EMAIL", "spec-kitty-sim@example.invalid");
        pb.environment().putIfAbsent("GIT_COMMITTER_NAME", "spec-kitty-sim");
        pb.environment().putIfAbsent("GIT_COMMITTER_EMAIL", "spec-kitty-sim@example.invalid");
        pb.environment().put("GIT_MERGE_AUTOEDIT", "no");
        pb.environment().put("GIT_EDITOR", "true");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git: " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // stdin already closed
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drainer = new Thread(() -> copy(p.getErrorStream(), err), "git-stderr");
        drainer.setDaemon(true);
        drainer.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread outDrainer = new Thread(() -> copy(p.getInputStream(), out), "git-stdout");
        outDrainer.setDaemon(true);
        outDrainer.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new GitException("git " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + " s and was killed", new Result(-1, "", ""));
            }
            drainer.join(timeout.toMillis());
            outDrainer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git " + String.join(" ", args), new Result(-1, "", ""));
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs git and fails on a non-zero exit.
     *
     * @param dir the working directory
     * @param args the arguments
     * @return the outcome
     * @throws GitException when git fails
     */
    public Result check(Path dir, String... args) {
        Result r = run(dir, args);
        if (!r.ok()) {
            throw new GitException("git " + String.join(" ", args) + " failed: " + r.error(), r);
        }
        return r;
    }

    /**
     * Tells whether a ref resolves to a commit.
     *
     * @param dir a directory of the repository
     * @param ref the ref
     * @return whether it exists
     */
    public boolean refExists(Path dir, String ref) {
        return run(dir, "rev-parse", "--verify", "--quiet", ref + "^{commit}").ok();
    }

    /**
     * Tells whether a local branch exists.
     *
     * @param dir a directory of the repository
     * @param branch the branch name
     * @return whether it exists
     */
    public boolean branchExists(Path dir, String branch) {
        return run(dir, "show-ref", "--verify", "--quiet", "refs/heads/" + branch).ok();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process died; what was read is kept
        }
    }
}
