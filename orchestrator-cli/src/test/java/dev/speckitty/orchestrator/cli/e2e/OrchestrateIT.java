package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.cli.internal.SimProject;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrate} and {@code status --json} as real processes against the simulated host and scripted agents. */
class OrchestrateIT {
    @TempDir
    Path tmp;

    @Test
    void orchestratesToDoneWithAReworkThenStatusShowsDone() throws Exception {
        try (SimProject p = SimProject.create(tmp, 2, 50, CliProcess.jar().toString())) {
            p.writeScenario(AgentScenario.builder()
                    .defaults(AgentBehavior.builder().durationMillis(50L).build())
                    .when("WP01", ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
                            .verdict(ReviewVerdict.CHANGES_REQUESTED).feedback("add a test").build())
                    .build());
            Path events = tmp.resolve("events.jsonl");
            CliProcess run = CliProcess.run(p.root(), tmp.resolve("out"), "orchestrate", "orchestrate", "--mission",
                    p.missionSlug(), "--events", events.toString());
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.OK);
            // not a terminal: timestamped plain lines, then the summary
            assertThat(run.out()).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ WP01")
                    .contains("completed", "Host calls:");
            List<String> lines = Files.readAllLines(events);
            assertThat(lines).anyMatch(l -> l.contains("\"type\":\"review_verdict\""));
            assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"run_finished\"");

            CliProcess status = CliProcess.run(p.root(), tmp.resolve("out"), "status", "status", "--json");
            assertThat(status.exitCode()).as(status.describe()).isZero();
            JsonNode s = new ObjectMapper().readTree(status.out());
            assertThat(s.path("status").asText()).isEqualTo("completed");
            assertThat(s.path("work_packages")).hasSize(2);
            for (JsonNode wp : s.path("work_packages")) {
                assertThat(wp.path("lane").asText()).as(wp.toString()).isEqualTo("done");
            }
            JsonNode wp1 = s.path("work_packages").get(0);
            assertThat(wp1.path("review_cycles").asInt()).isEqualTo(2);
            assertThat(wp1.path("implementation_attempts").asInt()).isEqualTo(2);
        }
    }
}
