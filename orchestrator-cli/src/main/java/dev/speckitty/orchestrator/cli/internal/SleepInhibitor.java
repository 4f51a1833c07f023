package dev.speckitty.orchestrator.cli.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the machine awake while orchestrating: {@code caffeinate -i -w <pid>} on macOS, {@code systemd-inhibit
 * --what=idle:sleep ... tail --pid=<pid> -f /dev/null} on Linux when systemd-inhibit is on the PATH, nothing elsewhere.
 * Both children also end on their own when this process dies. Failure to start is a warning, never fatal.
 */
final class SleepInhibitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SleepInhibitor.class);
    private final Process process;

    private SleepInhibitor(Process process) {
        this.process = process;
    }

    /**
     * The argv that would inhibit sleep on this platform, or empty when there is no mechanism.
     *
     * @param osName the {@code os.name} property
     * @param env the environment (for PATH)
     * @param pid the process to outlive
     */
    static Optional<List<String>> command(String osName, Map<String, String> env, long pid) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            String exe = Files.isExecutable(Path.of("/usr/bin/caffeinate")) ? "/usr/bin/caffeinate" : "caffeinate";
            return Optional.of(List.of(exe, "-i", "-w", Long.toString(pid)));
        }
        if (os.contains("linux")) {
            Optional<Path> inhibit = onPath("systemd-inhibit", env);
            Optional<Path> tail = onPath("tail", env);
            if (inhibit.isPresent() && tail.isPresent()) {
                return Optional.of(List.of(inhibit.get().toString(), "--what=idle:sleep",
                        "--who=spec-kitty-orchestrator", "--why=orchestrating a spec-kitty mission", "--mode=block",
                        tail.get().toString(), "--pid=" + pid, "-f", "/dev/null"));
            }
        }
        return Optional.empty();
    }

    static Optional<Path> onPath(String name, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Starts the inhibitor when enabled and available; the returned handle stops it (never null). */
    static SleepInhibitor start(boolean enabled, Map<String, String> env) {
        if (!enabled) {
            return new SleepInhibitor(null);
        }
        Optional<List<String>> argv = command(System.getProperty("os.name", ""), env, ProcessHandle.current().pid());
        if (argv.isEmpty()) {
            LOG.debug("no sleep inhibitor on this platform");
            return new SleepInhibitor(null);
        }
        try {
            Process p = new ProcessBuilder(argv.get())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            LOG.info("sleep inhibited with {}", argv.get().get(0));
            return new SleepInhibitor(p);
        } catch (IOException e) {
            LOG.warn("could not inhibit sleep ({}): {}", argv.get().get(0), e.getMessage());
            return new SleepInhibitor(null);
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "NUL" : "/dev/null";
    }

    /** Whether an inhibitor process is running. */
    boolean active() {
        return process != null && process.isAlive();
    }

    /** Stops the inhibitor and its children. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
