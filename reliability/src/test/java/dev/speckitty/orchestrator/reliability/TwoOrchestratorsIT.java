package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two orchestrators on one mission, through the real CLI processes: the second is refused (exit 4) and changes
 * nothing; the lock a SIGKILLed CLI left is taken over by {@code resume} with a note; a lock file written on another
 * host is not taken over, even though its pid is alive here, and the message says how to remove it. (The lock class
 * itself is unit-tested in orchestrator-cli's MissionLockTest.)
 */
@EnabledOnOs(OS.LINUX)
class TwoOrchestratorsIT {
    @TempDir
    Path tmp;

    static MissionGenerator twoWps() {
        return MissionGenerator.builder().slug("two").workPackages(2).shape(DagShape.independent())
                .subtasksPerWorkPackage(1).build();
    }

    static AgentScenario slowAgents() {
        return AgentScenario.builder().defaults(AgentBehavior.builder().durationMillis(120_000L).build()).build();
    }

    static AgentScenario quickAgents() {
        return AgentScenario.builder().defaults(AgentBehavior.builder().durationMillis(100L).build()).build();
    }

    @Test
    void aSecondOrchestratorIsRefusedAndChangesNothingThenResumeTakesOverTheLockOfAKilledOne() throws Exception {
        try (CliProject p = new CliProject(tmp, twoWps(), slowAgents())) {
            CliProcess first = p.orchestrate("first");
            Snapshot.await("the first orchestrator to hold the lock and run both agents", () -> !first.alive()
                    || p.lockContent().contains("\"pid\":" + first.pid()) && p.agents().records().size() == 2);
            assertThat(first.alive()).as(first.describe()).isTrue();
            String runId = p.runState().orElseThrow().runId();
            Snapshot before = Snapshot.of(p);

            for (String command : List.of("orchestrate", "resume")) {
                CliProcess second = p.run("second-" + command, command, "--mission", p.slug());
                assertThat(second.waitFor()).as(second.describe()).isEqualTo(ExitCode.LOCKED);
                assertThat(second.err()).as(second.describe())
                        .contains("error: another orchestrator is already running mission '" + p.slug() + "' (pid "
                                + first.pid() + ", run " + runId)
                        .contains("spec-kitty-orchestrator abort --mission " + p.slug())
                        .doesNotContain("Exception");
                assertThat(Snapshot.of(p)).as("after the refused %s", command).isEqualTo(before);
            }
            assertThat(first.alive()).isTrue();

            // SIGKILL the first: its lock file still names it, but its OS lock is gone with it
            List<ProcessTable.Proc> orphans = p.processes().stream().filter(ProcessTable.Proc::agent).toList();
            first.sigkill();
            assertThat(p.lockContent()).contains("\"pid\":" + first.pid());
            assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            p.writeScenario(quickAgents());
            CliProcess resume = p.run("resume", "resume", "--mission", p.slug());
            assertThat(resume.waitFor()).as(resume.describe()).isEqualTo(ExitCode.OK);
            assertThat(resume.err()).contains("note: took over a stale lock left by pid " + first.pid() + " (run "
                    + runId + ")");
            assertThat(orphans).isNotEmpty().allSatisfy(o -> assertThat(resume.err())
                    .contains("(pid " + o.pid() + ")"));
            assertThat(p.lanes().values()).allMatch(l -> l == Lane.DONE);
            assertThat(p.runState().orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(p.lockContent()).as("released at the end").isEmpty();
            assertThat(KillSweepIT.overlapping(p.agents(), ScriptedRole.IMPLEMENTER, null)).isEmpty();
            p.awaitNoProcessLeft(Duration.ofSeconds(30));
        }
    }

    @Test
    void aLockFromAnotherHostIsNotTakenOverEvenWithALivePid() throws Exception {
        try (CliProject p = new CliProject(tmp, twoWps(), quickAgents())) {
            long livePid = ProcessHandle.current().pid(); // alive here, but the file says it is another host's
            String foreign = "{\"pid\":" + livePid + ",\"host\":\"ci-runner-7.example.invalid\",\"mission\":\""
                    + p.slug() + "\",\"run_id\":\"far-away\",\"started_at\":\"2026-11-25T08:00:00Z\"}";
            Files.writeString(p.lockFile(), foreign);

            CliProcess refused = p.run("refused", "orchestrate", "--mission", p.slug());
            assertThat(refused.waitFor()).as(refused.describe()).isEqualTo(ExitCode.LOCKED);
            assertThat(refused.err()).as(refused.describe())
                    .contains("was taken on another host, 'ci-runner-7.example.invalid' (pid " + livePid
                            + ", run far-away")
                    .contains("rm " + p.lockFile())
                    .doesNotContain("Exception");
            assertThat(Files.readString(p.lockFile())).isEqualTo(foreign);
            assertThat(p.stateFile()).doesNotExist();
            assertThat(p.lanes().values()).allMatch(l -> l == Lane.PLANNED);
            assertThat(p.agents().records()).isEmpty();

            // doing what the message says lets the next run through
            Files.delete(p.lockFile());
            CliProcess run = p.run("after-rm", "orchestrate", "--mission", p.slug());
            assertThat(run.waitFor()).as(run.describe()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).doesNotContain("stale lock");
            assertThat(p.lanes().values()).allMatch(l -> l == Lane.DONE);
        }
    }

    /** What a refused orchestrator must not change: host lanes and history, run state, agent runs, lock, logs. */
    record Snapshot(Object lanes, int hostEvents, String state, int agentRuns, String lock, List<String> logDirs) {
        static Snapshot of(CliProject p) throws Exception {
            List<String> logs;
            try (Stream<Path> s = Files.list(p.root().resolve(".kittify/logs"))) {
                logs = s.map(x -> x.getFileName().toString()).sorted().toList();
            }
            return new Snapshot(p.lanes(), p.hostEvents().size(), Files.readString(p.stateFile()),
                    p.agents().records().size(), p.lockContent(), logs);
        }

        static void await(String what, java.util.function.BooleanSupplier condition) {
            org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(condition::getAsBoolean);
        }
    }
}
