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
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine holds maxConcurrent and a per-agent limit with real scripted agent processes: five independent WPs all
 * ready at once, agents that take a while, and the agents' own start/end log as the witness.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConcurrencyLimitsOnSimulatedHostTest {
    @RegisterExtension
    static final SpecKittyExtension KIT = SpecKittyExtension.builder()
            .mission(MissionGenerator.builder().slug("wide").workPackages(5).shape(DagShape.independent()).build())
            .build();

    @TempDir
    Path outside;

    private AgentAdapter agent(String id, Path log) {
        // every run works a little, so runs would overlap if the engine let them
        return SimAgents.scripted(id, AgentScenario.builder()
                .defaults(AgentBehavior.builder().durationMillis(150L).build())
                .logFile(log.toString()).build(), outside);
    }

    @Test
    void maxConcurrentAndPerAgentLimitHold(TestProject project, GeneratedMission mission, SimulatedHost host,
            OrchestratorClient client) {
        Path implLog = outside.resolve("impl.jsonl");
        Path revLog = outside.resolve("rev.jsonl");
        EngineOptions options = SimAgents.options(project, outside, List.of("impl"), List.of("rev"))
                .maxConcurrent(2)
                .putAgentConcurrency("impl", 1)
                .build();
        RunReport report = OrchestrationEngine.builder()
                .client(client)
                .options(options)
                .launcher(ProcessAgentLauncher.create())
                .adapters(List.of(agent("impl", implLog), agent("rev", revLog)))
                .runStateStore(RunStateStores.jsonFile(outside.resolve("run-state.json")))
                .sleeper(d -> {})
                .build()
                .run(RunRequest.of(mission.directoryName()));

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        for (String wp : mission.workPackageIds()) {
            assertThat(host.lane(mission.directoryName(), wp)).isEqualTo(Lane.DONE);
        }
        AgentInvocationLog impl = AgentInvocationLog.read(implLog);
        AgentInvocationLog rev = AgentInvocationLog.read(revLog);
        assertThat(impl.records()).hasSize(5);
        assertThat(rev.records()).hasSize(5);
        assertThat(impl.maxConcurrency()).as("per-agent limit of impl").isEqualTo(1);
        assertThat(rev.maxConcurrency()).as("rev alone within maxConcurrent").isLessThanOrEqualTo(2);
        List<dev.speckitty.orchestrator.testkit.agent.AgentInvocationRecord> all = new java.util.ArrayList<>(
                impl.records());
        all.addAll(rev.records());
        assertThat(maxOverlap(all)).as("all agents within maxConcurrent").isLessThanOrEqualTo(2);
    }

    /** Largest number of runs in flight at once across both logs (touching intervals do not overlap). */
    private static int maxOverlap(List<dev.speckitty.orchestrator.testkit.agent.AgentInvocationRecord> records) {
        List<long[]> events = new java.util.ArrayList<>();
        for (var r : records) {
            events.add(new long[] {r.startedAt().toEpochMilli() * 1000 + r.startedAt().getNano() / 1000 % 1000, 1});
            java.time.Instant end = r.endedAt().orElseThrow();
            events.add(new long[] {end.toEpochMilli() * 1000 + end.getNano() / 1000 % 1000, -1});
        }
        events.sort(java.util.Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int current = 0;
        int max = 0;
        for (long[] e : events) {
            current += (int) e[1];
            max = Math.max(max, current);
        }
        return max;
    }
}
