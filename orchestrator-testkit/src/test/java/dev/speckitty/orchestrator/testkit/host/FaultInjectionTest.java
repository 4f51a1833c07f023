package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.error.HostTimeoutException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.error.StateConflictException;
import dev.speckitty.orchestrator.client.transport.ProcessTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Injected faults by command and call number, counted across processes. */
class FaultInjectionTest {
    private static final String M = "042-demo";

    @TempDir
    Path tmp;

    TestRepo repo;

    @BeforeEach
    void repo() {
        repo = TestRepo.create(tmp);
        repo.mission(M, null, "main", false, TestRepo.wp("WP01", List.of()));
    }

    private Sim sim(Fault... faults) {
        return new Sim(SimulatedHost.builder().projectRoot(repo.root)
                .config(SimulatedHostConfig.builder().addAllFaults(List.of(faults)).build()).build());
    }

    @Test
    void errorFaultHitsOnlyTheGivenCall() {
        Sim sim = sim(Fault.builder().command("start-implementation").addCall(2).kind(FaultKind.ERROR)
                .errorCode("LANE_ALLOCATION_FAILED").putData("reason", "disk full").message("disk full").build());
        assertThat(sim.start(M, "WP01", "a").ok()).isTrue();
        Sim.Call second = sim.start(M, "WP01", "a");
        assertThat(second.code()).isEqualTo("LANE_ALLOCATION_FAILED");
        assertThat(second.data().toString()).isEqualTo("{\"reason\":\"disk full\",\"message\":\"disk full\"}");
        assertThat(sim.start(M, "WP01", "a").data().get("no_op").asBoolean()).isTrue();
        assertThat(sim.host.callCount("start-implementation")).isEqualTo(3);
    }

    @Test
    void crashGarbageAndSchemaGateProduceNoEnvelope() {
        Sim sim = sim(Fault.builder().command("mission-state").addCall(1).kind(FaultKind.CRASH).build(),
                Fault.builder().command("mission-state").addCall(2).kind(FaultKind.GARBAGE).build(),
                Fault.builder().command("*").kind(FaultKind.SCHEMA_GATE).exitCode(5).build());
        Sim.Call crash = sim.api("mission-state", "--mission", M);
        assertThat(crash.exit()).isEqualTo(1);
        assertThat(crash.stdout()).isEmpty();
        assertThat(crash.stderr()).startsWith("Traceback (most recent call last):");
        Sim.Call garbage = sim.api("mission-state", "--mission", M);
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.env()).isNull();
        assertThat(sim.api("mission-state", "--mission", M).ok()).as("schema gate spares reads").isTrue();
        Sim.Call gated = sim.start(M, "WP01", "a");
        assertThat(gated.exit()).isEqualTo(5);
        assertThat(gated.stdout()).isEmpty();
        assertThat(sim.host.events(M)).isEmpty();
    }

    @Test
    void clientSeesFaultsAsTypedErrors() {
        SimulatedHost host = SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.builder()
                .addFault(Fault.builder().command("list-ready").addCall(1).kind(FaultKind.HANG).build())
                .addFault(Fault.builder().command("list-ready").addCall(2).kind(FaultKind.CRASH).build())
                .addFault(Fault.builder().command("list-ready").addCall(3).kind(FaultKind.LATENCY).latencyMillis(10)
                        .build())
                .addFault(Fault.builder().command("mission-state").kind(FaultKind.ERROR)
                        .errorCode("WP_ALREADY_CLAIMED").build())
                .build()).build();
        try (OrchestratorClient client = OrchestratorClient.builder().transport(host.transport())
                .projectRoot(repo.root).assumeContractVersion("1.3.0").callTimeout(Duration.ofSeconds(1)).build()) {
            assertThatThrownBy(() -> client.listReady(M)).isInstanceOf(HostTimeoutException.class);
            assertThatThrownBy(() -> client.listReady(M)).isInstanceOf(NoEnvelopeException.class);
            assertThat(client.listReady(M).readyWorkPackages()).hasSize(1);
            assertThatThrownBy(() -> client.missionState(M)).isInstanceOf(StateConflictException.class);
        }
    }

    @Test
    void afterApplyMakesTheChangeAndLosesTheAnswer() {
        Sim sim = sim(Fault.builder().command("start-implementation").addCall(1).kind(FaultKind.CRASH)
                        .afterApply(true).build(),
                Fault.builder().command("append-history").addCall(1).kind(FaultKind.GARBAGE).afterApply(true).build(),
                Fault.builder().command("start-implementation").addCall(2).kind(FaultKind.CRASH).build());
        Sim.Call crash = sim.start(M, "WP01", "a");
        assertThat(crash.exit()).isEqualTo(1);
        assertThat(crash.stdout()).isEmpty();
        assertThat(crash.stderr()).startsWith("Traceback (most recent call last):");
        assertThat(sim.host.lane(M, "WP01")).as("claimed although the caller saw a crash")
                .isEqualTo(dev.speckitty.orchestrator.client.model.Lane.IN_PROGRESS);
        assertThat(sim.api("append-history", "--mission", M, "--wp", "WP01", "--actor", "a", "--note", "kept")
                .env()).isNull();
        assertThat(sim.host.events(M).stream().map(HostEvent::note).flatMap(java.util.Optional::stream))
                .anyMatch(n -> n.endsWith("a: kept"));
        // without after_apply nothing changes: the third claim is the idempotent no-op
        int events = sim.host.events(M).size();
        assertThat(sim.start(M, "WP01", "a").exit()).isEqualTo(1);
        assertThat(sim.host.events(M)).hasSize(events);
        assertThat(sim.start(M, "WP01", "a").data().get("no_op").asBoolean()).isTrue();
    }

    @Test
    void afterApplyHangMovesTheLaneThenTimesOut() {
        SimulatedHost host = SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.builder()
                .addFault(Fault.builder().command("start-implementation").addCall(1).kind(FaultKind.HANG)
                        .afterApply(true).build())
                .build()).build();
        assertThatThrownBy(() -> host.run(List.of("orchestrator-api", "start-implementation", "--mission=" + M,
                "--wp=WP01", "--actor=a", "--policy=" + TestRepo.POLICY), Duration.ofMillis(300)))
                .isInstanceOf(HostTimeoutException.class);
        assertThat(host.lane(M, "WP01")).isEqualTo(dev.speckitty.orchestrator.client.model.Lane.IN_PROGRESS);
    }

    @Test
    void afterApplyIsReadFromTheConfigFileAndRefusedForLatency() {
        SimulatedHostConfig c = SimulatedHostConfig.fromJson("{\"faults\": [{\"command\": \"transition\","
                + " \"kind\": \"hang\", \"after_apply\": true}]}");
        assertThat(c.faults().get(0).afterApply()).isTrue();
        assertThat(SimulatedHostConfig.fromJson(c.toJson())).isEqualTo(c);
        assertThatThrownBy(() -> SimulatedHostConfig.fromJson("{\"faults\": [{\"command\": \"x\","
                + " \"kind\": \"hang\", \"after_apply\": \"yes\"}]}")).hasMessageContaining("after_apply must be true or false");
        assertThatThrownBy(() -> Fault.builder().command("x").kind(FaultKind.LATENCY).afterApply(true).build())
                .hasMessageContaining("latency");
    }

    @Test
    void configFileAndCountersWorkAcrossProcesses() throws Exception {
        repo.write(".kittify/sim-host.json", "{\"faults\": [{\"command\": \"list-ready\", \"calls\": [2],"
                + " \"kind\": \"error\", \"error_code\": \"MISSION_NOT_FOUND\", \"message\": \"injected\"}]}");
        Path exe = SimulatedHostExecutable.path();
        String first = run(List.of(exe.toString(), "orchestrator-api", "list-ready", "--mission", M));
        assertThat(first).contains("\"success\": true");
        SimulatedHost inProcess = SimulatedHost.builder().projectRoot(repo.root).build();
        Sim.Call second = new Sim(inProcess).api("list-ready", "--mission", M);
        assertThat(second.message()).isEqualTo("injected");
        assertThat(inProcess.callCount("list-ready")).isEqualTo(2);
    }

    @Test
    void aHangingExecutableIsKilledAtTheCallTimeout() {
        repo.write(".kittify/sim-host.json", "{\"faults\": [{\"command\": \"mission-state\", \"kind\": \"hang\"}]}");
        try (OrchestratorClient impatient = processClient(Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> impatient.missionState(M)).isInstanceOf(HostTimeoutException.class);
        }
        try (OrchestratorClient patient = processClient(Duration.ofMinutes(1))) {
            assertThat(patient.listReady(M).readyWorkPackages()).hasSize(1);
        }
    }

    private OrchestratorClient processClient(Duration timeout) {
        return OrchestratorClient.builder()
                .transport(ProcessTransport.builder().executable(SimulatedHostExecutable.path().toString())
                        .projectRoot(repo.root).build())
                .projectRoot(repo.root).assumeContractVersion("1.3.0").callTimeout(timeout).build();
    }

    @Test
    void configRoundTripsThroughItsFileFormat() {
        SimulatedHostConfig config = SimulatedHostConfig.builder().profile(HostProfile.V1_0_0_FEATURE)
                .addUnseededMission(M).gitTimeout(Duration.ofSeconds(7))
                .addFault(Fault.builder().command("transition").addCall(2).addCall(3).kind(FaultKind.ERROR)
                        .errorCode("TRANSITION_REJECTED").message("nope").putData("wp_id", "WP01").build())
                .addFault(Fault.builder().command("*").kind(FaultKind.SCHEMA_GATE).exitCode(6).build())
                .build();
        Path file = config.writeTo(repo.root);
        assertThat(file).isEqualTo(repo.root.resolve(".kittify/sim-host.json"));
        assertThat(SimulatedHostConfig.read(file)).contains(config);
        assertThat(SimulatedHost.builder().projectRoot(repo.root).build().config()).isEqualTo(config);
    }

    @Test
    void malformedConfigIsExplained() {
        assertThatThrownBy(() -> SimulatedHostConfig.fromJson("{\"faults\": [{\"command\": \"x\", \"kind\": \"boom\"}]}"))
                .hasMessageContaining("unknown fault kind 'boom'");
        assertThatThrownBy(() -> SimulatedHostConfig.fromJson("{\"profil\": \"1.3.0\"}"))
                .hasMessageContaining("unknown key 'profil'");
        assertThat(SimulatedHostConfig.fromJson("{\"profile\": \"1.0.0-feature\", \"git_timeout_seconds\": 5}")
                .profile()).isEqualTo(HostProfile.V1_0_0_FEATURE);
    }

    private String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(repo.root.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
