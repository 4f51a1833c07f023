package dev.speckitty.orchestrator.testkit.project.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a process from an argv list (never a shell), drains stdout and stderr concurrently, feeds optional stdin,
 * and kills the whole process tree when the timeout expires.
 */
public final class ProcessRunner {
    private ProcessRunner() {}

    /**
     * The outcome of one run.
     *
     * @param exitCode the exit code, or -1 when killed at the timeout
     * @param stdout stdout decoded as UTF-8 (malformed bytes replaced)
     * @param stderr stderr decoded as UTF-8
     * @param timedOut whether the timeout killed it
     * @param elapsed wall time
     */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut, Duration elapsed) {}

    /**
     * Runs a process to completion.
     *
     * @param argv executable and arguments
     * @param cwd working directory
     * @param env variables to set (a null value removes the variable from the inherited environment)
     * @param stdin bytes to write to stdin, or null for none (stdin is closed at once)
     * @param timeout time limit
     * @return the result
     * @throws UncheckedIOException if the process cannot be started (e.g. executable not found)
     * @throws IllegalStateException if interrupted (the process is killed first, the interrupt flag kept)
     */
    public static Result run(List<String> argv, Path cwd, Map<String, String> env, byte[] stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        Map<String, String> environment = pb.environment();
        env.forEach((k, v) -> {
            if (v == null) {
                environment.remove(k);
            } else {
                environment.put(k, v);
            }
        });
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.get(0) + " (is it installed and on PATH?): "
                    + e.getMessage(), e);
        }
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        out.start();
        err.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The process may exit without reading its stdin; that is its choice, not our failure.
        }
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            out.join(10_000);
            err.join(10_000);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(finished ? process.exitValue() : -1, out.text(), err.text(), !finished, elapsed);
    }

    /**
     * Kills a process and all its descendants, children first.
     *
     * @param process the process
     */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                // Stream closed because the process was killed: keep what we have.
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
