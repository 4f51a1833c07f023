package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.reliability.Harness.End;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that answers start-implementation with a workspace outside the project (here: another git repository) must
 * be refused: no agent runs there, nothing is committed there, and the WP is blocked with a reason that says so.
 * (Before the fix in EngineRun.prepareWorkspace the engine ran the agent in whatever directory the host named.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkspaceOutsideProjectTest {
    @TempDir
    Path work;

    @Test
    void workspaceOutsideTheProjectIsRefused() {
        try (TestProject elsewhere = TestProject.create();
                Harness h = new Harness(work, Harness.fanOut3())) {
            String headBefore = elsewhere.head();
            String outside = elsewhere.root().toString();
            String branch = elsewhere.currentBranch(); // so that only the location check can refuse it
            h.wrappedHost(Duration.ofSeconds(10), inner -> new OrchestratorTransport() {
                @Override
                public TransportResponse execute(TransportRequest request) {
                    TransportResponse r = inner.execute(request);
                    if (!request.command().equals("start-implementation") && !request.command()
                            .equals("resolve-workspace")) {
                        return r;
                    }
                    String out = r.stdout()
                            .replaceAll("\"workspace_path\"\\s*:\\s*\"[^\"]*\"",
                                    "\"workspace_path\": \"" + outside.replace("\\", "\\\\\\\\") + "\"")
                            .replaceAll("\"lane_branch\"\\s*:\\s*\"[^\"]*\"", "\"lane_branch\": \"" + branch + "\"");
                    return TransportResponse.of(r.exitCode(), out, r.stderr());
                }
            });
            AgentScenario plain = AgentScenario.builder().build();
            RunReport report = h.run(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", plain), h.agent("rev", plain)));

            Map<String, End> ends = h.checkInvariants(report);
            assertThat(ends.get("WP01")).isEqualTo(End.BLOCKED);
            assertThat(report.workPackage("WP01").orElseThrow().lastError()).get().asString()
                    .contains("not inside the project root");
            assertThat(h.agents().records()).as("no agent may run outside the project").isEmpty();
            assertThat(elsewhere.head()).as("nothing committed in the other repository").isEqualTo(headBefore);
            assertThat(elsewhere.isClean()).isTrue();
        }
    }
}
