package dev.speckitty.orchestrator.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.state.AttemptRecord;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle-output timeout is per agent: an agent that prints once and then stays silent is killed at its own short
 * idle timeout, while the fallback agent, just as silent for a while but with a longer idle timeout, is left alone
 * and finishes the WP.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PerAgentIdleTimeoutOnSimulatedHostTest {
    @RegisterExtension
    static final SpecKittyExtension KIT = SpecKittyExtension.builder()
            .mission(MissionGenerator.builder().slug("idle").workPackages(1).shape(DagShape.independent()).build())
            .build();

    @TempDir
    Path outside;

    /** An executable sh script standing in for an agent CLI (the launcher still starts it with an argv list). */
    private Path script(String name, String... lines) throws IOException {
        Path file = outside.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private AgentAdapter agent(String id, Path executable) {
        return SimAgents.scripted(id, executable, AgentScenario.builder().build(), outside);
    }

    @Test
    void eachAgentIsKilledAtItsOwnIdleTimeout(TestProject project, GeneratedMission mission, SimulatedHost host,
            OrchestratorClient client) throws IOException {
        Path quiet = script("quiet-agent", "echo \"thinking about $SPEC_KITTY_WP_ID\"", "sleep 60");
        // silent for longer than quiet's idle timeout, then does the real work
        Path patient = script("patient-agent", "echo 'warming up'", "sleep 3", "exec \"$SCRIPTED_AGENT\" \"$@\"");
        Path reviewer = SimulatedHostExecutable.scriptedAgentPath();
        RunStateStore store = RunStateStores.jsonFile(outside.resolve("run-state.json"));
        EngineOptions options = SimAgents.options(project, outside, List.of("quiet", "patient"), List.of("rev"))
                .maxAttemptsPerAgent(1)
                .putAgentIdleTimeout("quiet", Duration.ofSeconds(1))
                .putAgentIdleTimeout("patient", Duration.ofSeconds(30))
                .build();

        RunReport report = OrchestrationEngine.builder()
                .client(client)
                .options(options)
                .launcher(ProcessAgentLauncher.create())
                .adapters(List.of(agent("quiet", quiet), agent("patient", patient), agent("rev", reviewer)))
                .runStateStore(store)
                .sleeper(d -> {})
                .build()
                .run(RunRequest.of(mission.directoryName()));

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(host.lane(mission.directoryName(), "WP01")).isEqualTo(Lane.DONE);
        List<AttemptRecord> attempts = store.load().orElseThrow().workPackages().get("WP01").attempts().stream()
                .filter(a -> a.role() == AgentRole.IMPLEMENTER).toList();
        assertThat(attempts).extracting(AttemptRecord::agent).containsExactly("quiet", "patient");
        AttemptRecord killed = attempts.get(0);
        assertThat(killed.failure()).contains(AgentFailure.TIMEOUT);
        assertThat(killed.outcome()).contains("no output for 1 s (idle-output timeout)");
        String log = Files.readString(Path.of(killed.logPath().orElseThrow()));
        assertThat(log).as("partial output kept").contains("thinking about WP01").contains("no output for PT1S");
        AttemptRecord finished = attempts.get(1);
        assertThat(finished.failure()).isEmpty();
        assertThat(finished.outcome()).startsWith("committed");
        assertThat(Files.readString(Path.of(finished.logPath().orElseThrow()))).contains("warming up")
                .doesNotContain("no output for");
    }
}
