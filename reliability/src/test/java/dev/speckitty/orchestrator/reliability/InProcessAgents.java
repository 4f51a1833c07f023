package dev.speckitty.orchestrator.reliability;

import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Healthy agents run inside the test JVM, behind the engine's launcher seam, for cells whose fault is on the host:
 * they cost no JVM start (the agent-process path has its own matrix). An implementer writes one file in its workspace
 * (the engine commits it); a reviewer approves on stdout. Every run is recorded with its start and end so the
 * "never two at once" invariant is checked as for process agents. Thread-safe.
 */
final class InProcessAgents implements AgentLauncher {
    /** One run: which WP, which role, when (System.nanoTime). */
    record Run(String wp, String role, long start, long end) {}

    private final List<Run> runs = new ArrayList<>();

    @Override
    public AgentRunOutput run(AgentCommand command, Path workingDirectory, Duration timeout, Path logFile)
            throws InterruptedException {
        Map<String, String> env = command.environment();
        String wp = env.get("SPEC_KITTY_WP_ID");
        String role = env.get("SPEC_KITTY_ROLE");
        long start = System.nanoTime();
        String out;
        int exit = 0;
        try {
            if ("reviewer".equals(role)) {
                out = "Reviewed " + wp + ".\nVERDICT: APPROVED\nFEEDBACK:\nLooks good.\n";
            } else {
                Path file = workingDirectory.resolve("impl").resolve(wp + "-attempt-"
                        + env.getOrDefault("SPEC_KITTY_ATTEMPT", "1") + ".txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, "work for " + wp + "\n", StandardCharsets.UTF_8);
                out = "implemented " + wp + "\n";
            }
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out = "";
            exit = 3;
        }
        synchronized (runs) {
            runs.add(new Run(wp, role, start, System.nanoTime()));
        }
        return AgentRunOutput.builder().exitCode(exit).stdout(out).stderr("")
                .duration(Duration.ofNanos(System.nanoTime() - start)).build();
    }

    /** Runs of one WP and role. */
    List<Run> runs(String wp, String role) {
        synchronized (runs) {
            return runs.stream().filter(r -> r.wp().equals(wp) && r.role().equals(role)).toList();
        }
    }

    /** Pairs of runs of one WP and role that overlapped in time. */
    List<String> overlapping(String role) {
        List<String> found = new ArrayList<>();
        synchronized (runs) {
            for (int i = 0; i < runs.size(); i++) {
                for (int j = i + 1; j < runs.size(); j++) {
                    Run a = runs.get(i);
                    Run b = runs.get(j);
                    if (a.wp().equals(b.wp()) && a.role().equals(role) && b.role().equals(role)
                            && a.start() < b.end() && b.start() < a.end()) {
                        found.add(a + " / " + b);
                    }
                }
            }
        }
        return found;
    }
}
