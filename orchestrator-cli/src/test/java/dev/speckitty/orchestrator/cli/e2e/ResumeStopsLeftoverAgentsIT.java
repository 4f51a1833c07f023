package dev.speckitty.orchestrator.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.cli.internal.SimProject;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationRecord;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent left running by a SIGKILLed orchestrator is stopped by {@code resume} before the engine runs its WP again,
 * so two implementations never work in one worktree at once (without this, resume started a second implementation
 * next to the orphan).
 */
class ResumeStopsLeftoverAgentsIT {
    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(OS.LINUX) // left-over agents are found through /proc/<pid>/environ
    void resumeStopsTheAgentsOfAKilledRunBeforeRunningTheirWorkPackageAgain() throws Exception {
        try (SimProject p = SimProject.create(tmp, 1, 120_000, CliProcess.jar().toString())) {
            Path events = tmp.resolve("events.jsonl");
            CliProcess first = CliProcess.start(p.root(), tmp.resolve("out"), "first", "orchestrate", "--mission",
                    p.missionSlug(), "--events", events.toString());
            CliProcess.await("an agent to start", Duration.ofSeconds(90), () -> ResumeAfterKillIT.contains(events,
                    "agent_started") || !first.process.isAlive());
            assertThat(first.process.isAlive()).as(first.describe()).isTrue();
            CliProcess.await("the agent to log its start", Duration.ofSeconds(30),
                    () -> !AgentInvocationLog.read(p.agentLog).records().isEmpty());
            List<ProcessHandle> orphans = first.process.descendants().toList();
            first.process.destroyForcibly(); // SIGKILL: no handler runs, the agent keeps working
            first.waitFor();
            assertThat(orphans).anyMatch(ProcessHandle::isAlive);

            p.writeScenario(AgentScenario.builder().defaults(AgentBehavior.builder().durationMillis(50L).build())
                    .build());
            CliProcess resume = CliProcess.run(p.root(), tmp.resolve("out"), "resume", "resume");
            assertThat(resume.exitCode()).as(resume.describe()).isEqualTo(ExitCode.OK);
            assertThat(resume.err()).contains("note: took over a stale lock left by pid " + first.process.pid(),
                    "note: stopping 1 agent process(es) left running by a killed orchestrator: WP01 implementer (pid ");
            assertThat(orphans).noneMatch(ProcessHandle::isAlive);

            AgentInvocationLog log = AgentInvocationLog.read(p.agentLog);
            List<AgentInvocationRecord> impl = log.forWorkPackage("WP01").stream()
                    .filter(r -> r.role() == ScriptedRole.IMPLEMENTER).toList();
            assertThat(impl).hasSize(2);
            assertThat(impl.get(0).killed()).as("the orphan was terminated (SIGTERM)").isTrue();
            assertThat(impl.get(0).endedAt()).hasValueSatisfying(end -> assertThat(end)
                    .isBeforeOrEqualTo(impl.get(1).startedAt()));
            assertThat(log.overlappingRuns(ScriptedRole.IMPLEMENTER)).isEmpty();
        }
    }
}
