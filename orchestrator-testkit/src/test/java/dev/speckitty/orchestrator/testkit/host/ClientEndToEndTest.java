package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.error.StateConflictException;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeStrategy;
import dev.speckitty.orchestrator.client.model.ReviewResult;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.transport.ProcessTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed client drives a whole mission through the simulator: in-process, and as a real executable. */
class ClientEndToEndTest {
    private static final String M = "007-e2e-01KV8NPC";
    private static final PolicyMetadata POLICY = PolicyMetadata.builder().orchestratorId("e2e-orch")
            .orchestratorVersion("0.1.0").agentFamily("claude").approvalMode("supervised")
            .sandboxMode("workspace_write").networkMode("none").build();

    @TempDir
    Path tmp;

    @Test
    void inProcessTransportRunsTheHappyPath() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        repo.mission(M, "01KV8NPCQ9ZX3R7W2M5T8H4FBD", "main", true, TestRepo.wp("WP01", List.of(), "T001"),
                TestRepo.wp("WP02", List.of("WP01"), "T002"));
        SimulatedHost host = SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.defaults())
                .build();
        happyPath(repo, host.transport(), argv -> host.run(argv, Duration.ofMinutes(1)).exitCode(), MergeStrategy.MERGE);
        assertThat(host.lane(M, "WP02")).isEqualTo(Lane.DONE);
        assertThat(host.callCount("start-implementation")).as("two starts and two refused claims").isEqualTo(4);
        assertThat(host.subtaskMarks(M, "WP01")).containsExactly("T001");
    }

    @Test
    void executableWorksThroughProcessTransport() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        repo.mission(M, "01KV8NPCQ9ZX3R7W2M5T8H4FBD", "main", true, TestRepo.wp("WP01", List.of(), "T001"),
                TestRepo.wp("WP02", List.of("WP01"), "T002"));
        Path exe = SimulatedHostExecutable.path();
        assertThat(run(repo.root, List.of(exe.toString(), "--version")))
                .isEqualTo("spec-kitty-cli 3.2.6rc3 (simulated)\n");
        try (ProcessTransport transport = ProcessTransport.builder().executable(exe.toString())
                .projectRoot(repo.root).build()) {
            happyPath(repo, transport, argv -> {
                List<String> full = new java.util.ArrayList<>(List.of(exe.toString()));
                full.addAll(argv);
                return exitOf(repo.root, full);
            }, MergeStrategy.SQUASH);
        }
        SimulatedHost inspector = SimulatedHost.builder().projectRoot(repo.root).build();
        assertThat(inspector.lane(M, "WP01")).isEqualTo(Lane.DONE);
        assertThat(inspector.events(M)).filteredOn(e -> e.type().equals("lane_transition")).hasSize(11);
    }

    interface Cli {
        int run(List<String> argv) throws Exception;
    }

    private void happyPath(TestRepo repo, OrchestratorTransport transport, Cli cli, MergeStrategy strategy)
            throws Exception {
        try (OrchestratorClient client = OrchestratorClient.builder().transport(transport).projectRoot(repo.root)
                .callTimeout(Duration.ofMinutes(1)).build()) {
            assertThat(client.contractVersion().apiVersion()).isEqualTo("1.3.0");
            assertThat(client.listReady(M).readyWorkPackages()).extracting(r -> r.wpId()).containsExactly("WP01");
            for (String wp : List.of("WP01", "WP02")) {
                StartImplementationResult started = client.startImplementation(StartImplementationRequest.builder()
                        .mission(M).wp(wp).actor("impl").policy(POLICY).build());
                assertThat(started.fromLane()).isEqualTo(Lane.PLANNED);
                assertThat(started.lane()).isPresent();
                Path ws = Path.of(started.workspacePath());
                assertThat(ws.resolve(".git")).exists();
                assertThatThrownBy(() -> client.startImplementation(StartImplementationRequest.builder()
                        .mission(M).wp(wp).actor("someone-else").policy(POLICY).build()))
                        .isInstanceOf(StateConflictException.class);
                repo.commitIn(ws, wp + ".txt", "done " + wp + "\n");
                String subtask = wp.equals("WP01") ? "T001" : "T002";
                assertThat(cli.run(List.of("agent", "tasks", "mark-status", subtask, "--status", "done", "--mission",
                        M))).isZero();
                client.transition(TransitionRequest.builder().mission(M).wp(wp).to(Lane.FOR_REVIEW).actor("impl")
                        .policy(POLICY).build());
                client.startReview(StartReviewRequest.builder().mission(M).wp(wp).actor("rev").policy(POLICY)
                        .build());
                client.transition(TransitionRequest.builder().mission(M).wp(wp)
                        .to(wp.equals("WP01") ? Lane.APPROVED : Lane.DONE).actor("rev").policy(POLICY)
                        .reviewResult(ReviewResult.builder().reviewer("rev").verdict(ReviewVerdict.APPROVED)
                                .reference("review/" + wp).build()).build());
            }
            assertThat(client.acceptMission(AcceptMissionRequest.of(M, "lead")).approvedWps()).containsExactly("WP01");
            repo.git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-a", "-m", "accept");
            client.mergeMission(MergeMissionRequest.builder().mission(M).strategy(strategy).build());
            assertThat(client.missionState(M).workPackages()).extracting(w -> w.lane())
                    .containsExactly(Lane.DONE, Lane.DONE);
        }
        assertThat(repo.root.resolve("WP01.txt")).hasContent("done WP01");
        assertThat(repo.root.resolve("WP02.txt")).exists();
        assertThat(repo.git("branch", "--list", "kitty/*")).isBlank();
    }

    private static int exitOf(Path dir, List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static String run(Path dir, List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

}
