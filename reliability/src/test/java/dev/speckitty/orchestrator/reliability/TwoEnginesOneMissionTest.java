package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.WorkPackageOutcome;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.testkit.agent.AgentInvocationLog;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostConfig;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines with distinct actors race on one mission (4 independent WPs, same project, each with its own host
 * process view, mutations serialized by the host's file lock). Whatever the interleaving: every WP is implemented
 * exactly once, never twice at the same time, and ends done; a WP the other engine claimed first is left alone.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TwoEnginesOneMissionTest {
    @TempDir
    Path work;

    @Test
    void wpAlreadyClaimedRaceImplementsEachWorkPackageOnce() throws Exception {
        MissionGenerator gen = MissionGenerator.builder().slug("race").workPackages(4)
                .shape(DagShape.independent()).subtasksPerWorkPackage(0).build();
        try (Harness a = new Harness(work, gen)) {
            a.inProcessHost(Duration.ofSeconds(10), List.of());
            SimulatedHost hostB = SimulatedHost.builder().projectRoot(a.project.root())
                    .config(SimulatedHostConfig.defaults()).build();
            AgentScenario plain = AgentScenario.builder().build();
            List<AgentAdapter> adapters = List.of(a.agent("impl", plain), a.agent("rev", plain));
            EngineOptions optsA = a.options(List.of("impl"), List.of("rev")).actor("orchestrator-a").build();
            EngineOptions optsB = a.options(List.of("impl"), List.of("rev")).actor("orchestrator-b")
                    .logDirectory(work.resolve("logs-b")).build();
            RunRequest req = RunRequest.builder().mission(a.mission.directoryName()).build();
            try (OrchestratorClient clientB = OrchestratorClient.builder().transport(hostB.transport())
                    .projectRoot(a.project.root()).callTimeout(Duration.ofSeconds(10)).build()) {
                var engineA = a.engine(optsA, adapters, work.resolve("state-a.json"));
                OrchestratorClient clientA = a.client;
                a.client = clientB;
                var engineB = a.engine(optsB, adapters, work.resolve("state-b.json"));
                a.client = clientA;
                // Each engine on a thread of its own, as an embedder would run two: NOT on the common
                // ForkJoinPool (CompletableFuture.supplyAsync), whose workers GitCommandLine also needs to drain git's
                // output; on JDK 25 with 2 CPUs that pool has one worker, and an engine holding it deadlocked every
                // later engine run in this JVM (see docs/reliability.md, "JDK 25 finding").
                ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "two-engines-test");
                    t.setDaemon(true);
                    return t;
                });
                RunReport ra;
                RunReport rb;
                try {
                    Future<RunReport> fa = pool.submit(() -> engineA.run(req));
                    Future<RunReport> fb = pool.submit(() -> engineB.run(req));
                    ra = fa.get(140, TimeUnit.SECONDS);
                    rb = fb.get(140, TimeUnit.SECONDS);
                } finally {
                    // a stuck engine must not outlive this test and hold resources of later tests
                    engineA.stopNow();
                    engineB.stopNow();
                    pool.shutdownNow();
                }

                AgentInvocationLog log = a.agents();
                for (String wp : a.mission.workPackageIds()) {
                    assertThat(a.host.lane(a.mission.directoryName(), wp)).as(wp).isEqualTo(Lane.DONE);
                    assertThat(log.forWorkPackage(wp).stream().filter(r -> r.role() == ScriptedRole.IMPLEMENTER))
                            .as("implementations of %s", wp).hasSize(1);
                    boolean doneByA = ra.workPackage(wp).map(r -> r.outcome() == WorkPackageOutcome.DONE
                            && r.implementationAttempts() > 0).orElse(false);
                    boolean doneByB = rb.workPackage(wp).map(r -> r.outcome() == WorkPackageOutcome.DONE
                            && r.implementationAttempts() > 0).orElse(false);
                    assertThat(doneByA ^ doneByB).as("%s implemented by exactly one engine (a=%s, b=%s)", wp,
                            ra.workPackage(wp), rb.workPackage(wp)).isTrue();
                }
                assertThat(log.overlappingRuns(ScriptedRole.IMPLEMENTER)).isEmpty();
                assertThat(log.overlappingRuns(ScriptedRole.REVIEWER)).isEmpty();
            }
        }
    }
}
