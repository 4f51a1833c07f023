package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.cli.internal.SimProject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code abort} stops a running orchestrator through its lock and records the run as aborted. */
class AbortIT {
    @TempDir
    Path tmp;

    @Test
    void abortStopsTheRunningOrchestrator() throws Exception {
        try (SimProject p = SimProject.create(tmp, 2, 60_000, CliProcess.jar().toString())) {
            Path events = tmp.resolve("events.jsonl");
            CliProcess orchestrator = CliProcess.start(p.root(), tmp.resolve("out"), "orchestrate", "orchestrate",
                    "--mission", p.missionSlug(), "--events", events.toString());
            CliProcess.await("an agent to start", Duration.ofSeconds(90),
                    () -> ResumeAfterKillIT.contains(events, "agent_started") || !orchestrator.process.isAlive());
            if (!orchestrator.process.isAlive()) {
                orchestrator.waitFor();
            }
            assertThat(orchestrator.process.isAlive()).as(orchestrator.describe()).isTrue();

            CliProcess second = CliProcess.run(p.root(), tmp.resolve("out"), "second", "orchestrate", "--mission",
                    p.missionSlug());
            assertThat(second.exitCode()).as(second.describe()).isEqualTo(ExitCode.LOCKED);
            assertThat(second.err()).contains("pid " + orchestrator.process.pid());

            java.util.List<ProcessHandle> agents = orchestrator.process.descendants().toList();
            assertThat(agents).isNotEmpty();
            CliProcess abort = CliProcess.run(p.root(), tmp.resolve("out"), "abort", "abort", "--mission",
                    p.missionSlug());
            assertThat(abort.exitCode()).as(abort.describe()).isZero();
            assertThat(abort.out()).contains("Stopped pid " + orchestrator.process.pid(), "recorded as aborted");
            assertThat(orchestrator.waitFor()).as(orchestrator.describe()).isEqualTo(ExitCode.INTERRUPTED);
            // the orchestrator terminated its agents (they would otherwise work for a minute)
            CliProcess.await("the agents to be gone", Duration.ofSeconds(30),
                    () -> agents.stream().noneMatch(ProcessHandle::isAlive));

            CliProcess status = CliProcess.run(p.root(), tmp.resolve("out"), "status", "status", "--json");
            JsonNode s = new ObjectMapper().readTree(status.out());
            assertThat(s.path("status").asText()).isEqualTo("aborted");
            assertThat(s.path("running").asBoolean()).isFalse();

            CliProcess resume = CliProcess.run(p.root(), tmp.resolve("out"), "resume", "resume");
            assertThat(resume.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(resume.err()).contains("was aborted");
        }
    }
}
