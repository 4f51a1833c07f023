package dev.speckitty.orchestrator.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.core.state.WorkPackageRecord;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.HostEvent;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator dies while {@code start-review} is in flight, after the host made the move: the host shows the WP
 * {@code in_review} with no owner (last_actor is always null), so only the run state can tell that the review was
 * ours. The claim is recorded before it is sent, so the resume re-queues the review instead of leaving the WP as
 * someone else's for ever (found by the CLI SIGKILL sweep in the reliability module).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KilledDuringStartReviewTest {
    @RegisterExtension
    static final SpecKittyExtension KIT = SpecKittyExtension.builder()
            .mission(MissionGenerator.builder().slug("cut").workPackages(1).shape(DagShape.independent()).build())
            .build();

    @TempDir
    Path outside;

    @Test
    void aReviewClaimCutShortByAStopIsOursOnResume(TestProject project, GeneratedMission mission, SimulatedHost host)
            throws Exception {
        String m = mission.directoryName();
        CountDownLatch moved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OrchestratorTransport real = host.transport();
        // start-review reaches the host and makes its change, then the answer never comes back (the "kill" instant)
        OrchestratorTransport cutAfterStartReview = new OrchestratorTransport() {
            @Override
            public TransportResponse execute(TransportRequest request) {
                TransportResponse response = real.execute(request);
                if (request.command().equals("start-review") && moved.getCount() > 0) {
                    moved.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("orchestrator gone");
                }
                return response;
            }
        };
        EngineOptions options = SimAgents.options(project, outside, List.of("impl"), List.of("rev")).build();
        RunStateStore store = RunStateStores.jsonFile(outside.resolve("run-state.json"));
        List<AgentAdapter> agents = List.of(SimAgents.scripted("impl", AgentScenario.builder().build(), outside),
                SimAgents.scripted("rev", AgentScenario.builder().build(), outside));
        OrchestratorClient cutClient = OrchestratorClient.builder().transport(cutAfterStartReview)
                .projectRoot(project.root()).assumeContractVersion("1.3.0").build();
        OrchestrationEngine first = OrchestrationEngine.builder().client(cutClient).options(options)
                .launcher(ProcessAgentLauncher.create()).adapters(agents).runStateStore(store).sleeper(d -> {})
                .build();
        Thread runner = new Thread(() -> first.run(RunRequest.builder().mission(m).build()), "first-run");
        runner.start();
        try {
            assertThat(moved.await(60, TimeUnit.SECONDS)).as("start-review reached the host").isTrue();
            assertThat(host.lane(m, "WP01")).isEqualTo(Lane.IN_REVIEW);
            // What a SIGKILL at this instant leaves behind: the claim is already ours in the run state.
            WorkPackageRecord recorded = store.load().orElseThrow().workPackages().get("WP01");
            assertThat(recorded.openReviewRef()).as("review claim recorded before it was sent").isPresent();
        } finally {
            first.stopNow();
            release.countDown();
            runner.join(TimeUnit.SECONDS.toMillis(60));
        }

        // A second run on the same state, as the CLI's resume does: the review is re-queued and finished.
        OrchestratorClient client = OrchestratorClient.builder().transport(real).projectRoot(project.root())
                .assumeContractVersion("1.3.0").build();
        RunReport report = OrchestrationEngine.builder().client(client).options(options)
                .launcher(ProcessAgentLauncher.create()).adapters(agents).runStateStore(store).sleeper(d -> {})
                .build().run(RunRequest.builder().mission(m).resume(true).build());

        assertThat(report.status()).as(report.failureReason().orElse("")).isEqualTo(RunStatus.COMPLETED);
        assertThat(host.lane(m, "WP01")).isEqualTo(Lane.DONE);
        List<HostEvent> forced = host.events(m).stream().filter(e -> e.wpId().equals("WP01") && e.force())
                .collect(Collectors.toList());
        assertThat(forced).hasSize(1);
        assertThat(forced.get(0).fromLane()).contains("in_review");
        assertThat(forced.get(0).toLane()).contains("for_review");
    }
}
