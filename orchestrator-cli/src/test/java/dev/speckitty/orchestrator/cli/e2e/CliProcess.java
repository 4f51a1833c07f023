package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs the shaded CLI jar as a real process, output captured in files. */
final class CliProcess {
    static final Duration LIMIT = Duration.ofMinutes(3);

    final Process process;
    final Path stdout;
    final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Path jar() {
        String p = System.getProperty("speckitty.cli.jar");
        assertThat(p).as("system property speckitty.cli.jar (set by the e2e surefire execution)").isNotBlank();
        Path jar = Path.of(p);
        assertThat(jar).exists();
        return jar;
    }

    static CliProcess start(Path cwd, Path outDir, String name, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-XX:+UseSerialGC");
        argv.add("-jar");
        argv.add(jar().toString());
        argv.addAll(List.of(args));
        try {
            Files.createDirectories(outDir);
            Path out = outDir.resolve(name + ".out");
            Path err = outDir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> k.startsWith("SPEC_KITTY_ORCHESTRATOR_"));
            return new CliProcess(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to completion and returns the exit code. */
    static CliProcess run(Path cwd, Path outDir, String name, String... args) {
        CliProcess p = start(cwd, outDir, name, args);
        p.waitFor();
        return p;
    }

    int waitFor() {
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                killTree();
                throw new AssertionError("the CLI did not finish within " + LIMIT + "\nstdout:\n" + out() + "\nstderr:\n"
                        + err());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int exitCode() {
        return waitFor();
    }

    void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    String out() {
        return read(stdout);
    }

    String err() {
        return read(stderr);
    }

    String describe() {
        return "stdout:\n" + out() + "\nstderr:\n" + err();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls a condition with a bounded deadline (Awaitility; no fixed sleeps). */
    static void await(String what, Duration limit, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(limit).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
