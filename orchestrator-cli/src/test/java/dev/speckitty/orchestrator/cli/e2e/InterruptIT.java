package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.cli.internal.SimProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) stops gracefully: agents terminated, state saved, exit 130, lock released. */
class InterruptIT {
    @TempDir
    Path tmp;

    @Test
    void sigintStopsGracefullyWithExit130() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 60_000, CliProcess.jar().toString())) {
            Path events = tmp.resolve("events.jsonl");
            CliProcess orchestrator = CliProcess.start(p.root(), tmp.resolve("out"), "orchestrate", "orchestrate",
                    "--mission", p.missionSlug(), "--events", events.toString());
            CliProcess.await("an agent to start", Duration.ofSeconds(90),
                    () -> ResumeAfterKillIT.contains(events, "agent_started") || !orchestrator.process.isAlive());
            if (!orchestrator.process.isAlive()) {
                orchestrator.waitFor();
            }
            assertThat(orchestrator.process.isAlive()).as(orchestrator.describe()).isTrue();
            List<ProcessHandle> agents = orchestrator.process.descendants().toList();

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(orchestrator.process.pid())).start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(orchestrator.waitFor()).as(orchestrator.describe()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(orchestrator.err()).contains("Stopping: no new work");
            assertThat(orchestrator.out()).contains("Interrupted; continue with: spec-kitty-orchestrator resume");
            CliProcess.await("the agents to be gone", Duration.ofSeconds(30),
                    () -> agents.stream().noneMatch(ProcessHandle::isAlive));

            CliProcess status = CliProcess.run(p.root(), tmp.resolve("out"), "status", "status", "--json");
            JsonNode s = new ObjectMapper().readTree(status.out());
            assertThat(s.path("status").asText()).isEqualTo("interrupted");
            assertThat(s.path("running").asBoolean()).isFalse();
        }
    }
}
