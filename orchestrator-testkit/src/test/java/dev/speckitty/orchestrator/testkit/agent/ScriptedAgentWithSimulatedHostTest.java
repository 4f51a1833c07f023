package dev.speckitty.orchestrator.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.junit.SpecKittyExtension;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted agent, started through its {@code bin/scripted-agent} launcher, against the simulated host as a
 * real {@code spec-kitty} executable: its subtask marks must open the host's for_review gate.
 */
class ScriptedAgentWithSimulatedHostTest {
    private static final PolicyMetadata POLICY = PolicyMetadata.builder().orchestratorId("agent-test")
            .orchestratorVersion("0.1.0").agentFamily("scripted").approvalMode("full_auto")
            .sandboxMode("workspace_write").networkMode("none").build();

    @RegisterExtension
    final SpecKittyExtension kit = SpecKittyExtension.builder()
            .mission(MissionGenerator.builder().slug("agents").workPackages(2).shape(DagShape.chain())
                    .subtasksPerWorkPackage(2).build())
            .build();

    @TempDir
    Path scratch;

    @Test
    void implementerMarksSubtasksThroughTheHostAndReviewerWritesItsVerdict(OrchestratorClient client,
            GeneratedMission mission, TestProject project, SimulatedHost host) throws Exception {
        String m = mission.directoryName();
        Path workspace = Path.of(client.startImplementation(StartImplementationRequest.builder().mission(m)
                .wp("WP01").actor("agent-test").policy(POLICY).build()).workspacePath());
        AgentScenario scenario = AgentScenario.builder()
                .when("WP01", ScriptedRole.IMPLEMENTER, 1, AgentBehavior.builder().commit(true).build())
                .when("WP01", ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
                        .verdict(dev.speckitty.orchestrator.client.model.ReviewVerdict.CHANGES_REQUESTED)
                        .feedback("Handle the empty name in {wp}.").build())
                .logFile(scratch.resolve("agents.jsonl").toString())
                .build();
        Path scenarioFile = scenario.writeTo(scratch.resolve("scenario.json"));

        AgentProcess implementer = launcher(workspace, m, project, scenarioFile)
                .identity("WP01", ScriptedRole.IMPLEMENTER, 1);
        AgentProcess.Result r = implementer.run(scratch);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(host.subtaskMarks(m, "WP01")).containsExactlyInAnyOrder("T001", "T002");

        client.transition(TransitionRequest.builder().mission(m).wp("WP01").to(Lane.FOR_REVIEW)
                .actor("agent-test").policy(POLICY).build());
        assertThat(host.lane(m, "WP01")).isEqualTo(Lane.FOR_REVIEW);

        client.startReview(StartReviewRequest.builder().mission(m).wp("WP01").actor("agent-test-reviewer")
                .policy(POLICY).build());
        Path verdictFile = scratch.resolve("verdict.json");
        AgentProcess reviewer = launcher(workspace, m, project, scenarioFile)
                .identity("WP01", ScriptedRole.REVIEWER, 1).env("SPEC_KITTY_VERDICT_FILE", verdictFile.toString());
        assertThat(reviewer.run(scratch).exitCode()).isZero();
        JsonNode verdict = new ObjectMapper().readTree(verdictFile.toFile());
        assertThat(verdict.get("verdict").asText()).isEqualTo("changes_requested");
        assertThat(verdict.get("feedback").asText()).isEqualTo("Handle the empty name in WP01.");

        AgentInvocationLog log = AgentInvocationLog.read(scratch.resolve("agents.jsonl"));
        assertThat(log.records()).hasSize(2);
        assertThat(log.records().get(0).markStatusExitCode()).contains(0);
        assertThat(log.records().get(0).committed()).isTrue();
    }

    /** Runs bin/scripted-agent (not the JVM directly) with the environment an engine passes. */
    private AgentProcess launcher(Path workspace, String mission, TestProject project, Path scenarioFile) {
        AgentProcess p = new AgentProcess(workspace) {
            @Override
            ProcessBuilder builder(Path stdoutFile, Path stderrFile) {
                ProcessBuilder pb = super.builder(stdoutFile, stderrFile);
                java.util.List<String> argv = new java.util.ArrayList<>();
                argv.add(SimulatedHostExecutable.scriptedAgentPath().toString());
                argv.addAll(args);
                return pb.command(argv);
            }
        };
        return p.env("SPEC_KITTY_MISSION", mission)
                .env("SPEC_KITTY_WORKSPACE", workspace.toString())
                .env("SPEC_KITTY_REPO_ROOT", project.root().toString())
                .env("SCRIPTED_AGENT_SCENARIO", scenarioFile.toString())
                .env("PATH", SimulatedHostExecutable.binDirectory() + File.pathSeparator + System.getenv("PATH"));
    }
}
