package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.cli.internal.SimProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL the CLI mid-run, then {@code resume} finishes the mission with the stored options. */
class ResumeAfterKillIT {
    @TempDir
    Path tmp;

    @Test
    void resumeAfterSigkillRunsToDone() throws Exception {
        try (SimProject p = SimProject.create(tmp, 2, 4000, CliProcess.jar().toString())) {
            Path events = tmp.resolve("events.jsonl");
            CliProcess first = CliProcess.start(p.root(), tmp.resolve("out"), "first", "orchestrate", "--mission",
                    p.missionSlug(), "--events", events.toString(), "--max-concurrent", "1");
            CliProcess.await("an agent to start", Duration.ofSeconds(90), () -> contains(events, "agent_started")
                    || !first.process.isAlive());
            if (!first.process.isAlive()) {
                first.waitFor();
            }
            assertThat(first.process.isAlive()).as(first.describe()).isTrue();
            // SIGKILL the CLI process only (no handler runs, the state still says running); its agent is orphaned
            // and finishes on its own, as after a real kill
            java.util.List<ProcessHandle> orphans = first.process.descendants().toList();
            first.process.destroyForcibly();
            first.waitFor();
            CliProcess.await("the orphaned agent to finish", Duration.ofSeconds(60),
                    () -> orphans.stream().noneMatch(ProcessHandle::isAlive));

            CliProcess status = CliProcess.run(p.root(), tmp.resolve("out"), "status1", "status", "--json");
            JsonNode s = new ObjectMapper().readTree(status.out());
            assertThat(s.path("status").asText()).isEqualTo("interrupted");
            assertThat(s.path("running").asBoolean()).isFalse();
            String runId = s.path("run_id").asText();

            p.writeScenario(dev.speckitty.orchestrator.testkit.agent.AgentScenario.builder()
                    .defaults(dev.speckitty.orchestrator.testkit.agent.AgentBehavior.builder().durationMillis(50L)
                            .build()).build());
            CliProcess resume = CliProcess.run(p.root(), tmp.resolve("out"), "resume", "resume");
            assertThat(resume.exitCode()).as(resume.describe()).isEqualTo(ExitCode.OK);
            assertThat(resume.err()).contains("Resuming mission " + p.missionSlug(), runId);
            // the stored --events option was reused
            assertThat(Files.readString(events)).contains("\"resumed\":\"true\"");

            CliProcess status2 = CliProcess.run(p.root(), tmp.resolve("out"), "status2", "status", "--json");
            JsonNode s2 = new ObjectMapper().readTree(status2.out());
            assertThat(s2.path("status").asText()).isEqualTo("completed");
            assertThat(s2.path("run_id").asText()).isEqualTo(runId);
            for (JsonNode wp : s2.path("work_packages")) {
                assertThat(wp.path("lane").asText()).isEqualTo("done");
            }
        }
    }

    static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
