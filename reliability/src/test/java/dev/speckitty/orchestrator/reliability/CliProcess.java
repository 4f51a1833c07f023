package dev.speckitty.orchestrator.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's shaded jar run as a real process ({@code java -jar …-all.jar <args>}), stdout and stderr captured in
 * files, with the test's marker variable in its environment (every process it starts inherits it, so a scan of the
 * process table finds them all, orphans included).
 */
final class CliProcess {
    /** Environment variable carrying the test's unique marker to the CLI and everything it starts. */
    static final String MARKER_VARIABLE = "RELIABILITY_MARKER";
    /** System property naming the shaded jar; the module's failsafe configuration sets it. */
    static final String JAR_PROPERTY = "reliability.cli.jar";
    private static final Duration LIMIT = Duration.ofMinutes(4);

    final String name;
    final Process process;
    final Path stdout;
    final Path stderr;

    private CliProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The CLI's shaded jar; fails with the way to build it when it is missing. */
    static Path jar() {
        String p = System.getProperty(JAR_PROPERTY);
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property " + JAR_PROPERTY + " is not set: run these tests through"
                    + " the reliability module's failsafe execution, e.g. ./mvnw -pl reliability -am verify, or pass"
                    + " -D" + JAR_PROPERTY + "=<path to orchestrator-cli-*-all.jar>");
        }
        Path jar = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the CLI's shaded jar " + jar + " does not exist: build it first with"
                    + " ./mvnw -B -pl reliability -am verify (the orchestrator-cli module makes it at package)");
        }
        return jar;
    }

    static CliProcess start(Path cwd, Path outDir, String marker, String name, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-XX:+UseSerialGC");
        argv.add("-Xshare:auto");
        argv.add("-jar");
        argv.add(jar().toString());
        argv.addAll(args);
        try {
            Files.createDirectories(outDir);
            Path out = outDir.resolve(name + ".out");
            Path err = outDir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> k.startsWith("SPEC_KITTY_ORCHESTRATOR_"));
            pb.environment().put(MARKER_VARIABLE, marker);
            return new CliProcess(name, pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the end (bounded) and returns the exit code; kills the tree and fails past the limit. */
    int waitFor() {
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the CLI (" + name + ") did not finish within " + LIMIT + "\n" + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL of the CLI JVM only, as a crash or {@code kill -9} would do: its children are not touched. */
    void sigkill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Sends a signal with the {@code kill} command ({@code TERM}, {@code INT}), argv only. */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(30, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new AssertionError("kill -" + name + " did not return");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String out() {
        return read(stdout);
    }

    String err() {
        return read(stderr);
    }

    String describe() {
        return "[" + name + "] stdout:\n" + out() + "\n[" + name + "] stderr:\n" + err();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
