package dev.speckitty.orchestrator.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/** Runs short helper commands (git, version checks) with an argv list, concurrent draining and a timeout. */
final class Processes {
    private Processes() {
    }

    /**
     * The outcome of a command.
     *
     * @param exitCode the exit code, -1 when it could not start or timed out
     * @param stdout what it printed
     * @param stderr its diagnostics, or why it did not run
     */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result run(List<String> argv, Path cwd, Duration timeout, Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        pb.environment().putAll(extraEnv);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, "", "cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the process may not read stdin at all
        }
        // Own threads, not the common pool: it may have one busy worker on a two-CPU machine.
        FutureTask<String> out = readOnOwnThread(p.getInputStream());
        FutureTask<String> err = readOnOwnThread(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, "", argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return new Result(-1, "", "interrupted");
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), "", "cannot read output: " + e.getMessage());
        }
    }

    private static FutureTask<String> readOnOwnThread(InputStream in) {
        FutureTask<String> task = new FutureTask<>(() -> read(in));
        Thread thread = new Thread(task, "process-output");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
