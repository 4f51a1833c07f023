package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationRecord;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM of the real CLI while three agents run, sent with {@code kill -INT|-TERM <pid>}: the
 * CLI exits 130, no agent process is left (checked by pid and by a scan of the process table for the scripted agent
 * with this test's marker), every agent run is recorded as ended, the lock is released, the run state says
 * interrupted and the WPs stay claimed on the host, and {@code resume} finishes the mission without any note about
 * left-overs. Also a second signal (quit at once). InterruptIT in orchestrator-cli covers the first SIGINT's messages.
 */
@EnabledOnOs(OS.LINUX)
class SignalsIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} x{1}")
    @CsvSource({"TERM, 1", "INT, 1", "INT, 2", "TERM, 2"})
    void aSignalDuringAgentRunsLeavesNoAgentAndAResumableState(String signal, int times) throws Exception {
        MissionGenerator gen = MissionGenerator.builder().slug("sig").workPackages(3).shape(DagShape.independent())
                .subtasksPerWorkPackage(1).build();
        AgentScenario slow = AgentScenario.builder().defaults(AgentBehavior.builder().durationMillis(120_000L)
                .build()).build();
        try (CliProject p = new CliProject(tmp, gen, slow)) {
            CliProcess cli = p.orchestrate("orchestrate");
            TwoOrchestratorsIT.Snapshot.await("three agents running", () -> !cli.alive()
                    || p.agents().records().size() == 3
                    && p.processes().stream().filter(ProcessTable.Proc::agent).count() == 3);
            assertThat(cli.alive()).as(cli.describe()).isTrue();
            List<Long> agentPids = p.agents().records().stream().map(AgentInvocationRecord::pid).toList();
            assertThat(agentPids).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

            for (int i = 0; i < times; i++) {
                cli.signal(signal);
            }
            assertThat(cli.waitFor()).as(cli.describe()).isEqualTo(ExitCode.INTERRUPTED);
            if (times == 1) {
                assertThat(cli.out()).contains("Interrupted; continue with: spec-kitty-orchestrator resume");
            }

            // no agent left: by pid, and by a scan of the whole process table for this test's marker
            TwoOrchestratorsIT.Snapshot.await("the agents to be gone", () -> agentPids.stream()
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
            assertThat(p.processes()).as("processes of this test after SIG%s x%d", signal, times)
                    .noneMatch(ProcessTable.Proc::agent);
            p.awaitNoProcessLeft(Duration.ofSeconds(30)); // host calls in flight finish by themselves
            assertThat(p.agents().records()).as("every agent run ended (killed by the CLI)")
                    .allSatisfy(r -> assertThat(r.endedAt()).isPresent());

            // a resumable state: lock released, run state interrupted (or still running after an immediate quit,
            // which status shows as interrupted), the WPs still claimed by this orchestrator on the host
            assertThat(p.lockContent()).as("lock").satisfiesAnyOf(c -> assertThat(c).isEmpty(),
                    c -> assertThat(times).isEqualTo(2));
            RunStatus status = p.runState().orElseThrow().status();
            assertThat(status).isIn(times == 1 ? List.of(RunStatus.INTERRUPTED)
                    : List.of(RunStatus.INTERRUPTED, RunStatus.RUNNING));
            CliProcess st = p.run("status", "status", "--mission", p.slug(), "--json");
            assertThat(st.waitFor()).as(st.describe()).isZero();
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(st.out());
            assertThat(json.path("status").asText()).isEqualTo("interrupted");
            assertThat(json.path("running").asBoolean(true)).isFalse();
            assertThat(p.lanes().values()).allMatch(l -> l == Lane.IN_PROGRESS);

            p.writeScenario(AgentScenario.builder().defaults(AgentBehavior.builder().durationMillis(100L).build())
                    .build());
            CliProcess resume = p.run("resume", "resume", "--mission", p.slug());
            assertThat(resume.waitFor()).as(resume.describe()).isEqualTo(ExitCode.OK);
            assertThat(resume.err()).doesNotContain("left running by a killed orchestrator");
            assertThat(p.lanes().values()).allMatch(l -> l == Lane.DONE);
            assertThat(p.runState().orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(p.agents().overlappingRuns(ScriptedRole.IMPLEMENTER)).isEmpty();
            p.awaitNoProcessLeft(Duration.ofSeconds(30));
        }
    }
}
