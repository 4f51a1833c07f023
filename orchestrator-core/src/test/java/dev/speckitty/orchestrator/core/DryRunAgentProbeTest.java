package dev.speckitty.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.speckitty.orchestrator.core.agent.AgentProbe;
import dev.speckitty.orchestrator.core.fakes.FakeAgents;
import dev.speckitty.orchestrator.core.fakes.FakeHost;
import dev.speckitty.orchestrator.core.fakes.Harness;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A dry run reports whether each configured agent is available, and changes nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DryRunAgentProbeTest {
    @TempDir
    Path root;

    @TempDir
    Path bin;

    private static AgentAdapter withExecutable(String id, String executable) {
        AgentAdapter fake = FakeAgents.adapter(id);
        return new AgentAdapter() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String executable() {
                return executable;
            }

            @Override
            public AgentCommand command(AgentInvocation in) {
                return fake.command(in);
            }

            @Override
            public AgentOutcome interpret(AgentInvocation in, AgentRunOutput out) {
                return fake.interpret(in, out);
            }
        };
    }

    @Test
    void eachChainAgentIsProbedOnceAndReportedInPlanEventsAndTheReport() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path tool = bin.resolve("impl-a-tool");
        Files.writeString(tool, "#!/bin/sh\necho \"impl-a 9.8.7\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        Harness h = new Harness(root).diamond();
        RunReport report = h.run(h.options().dryRun(true)
                        .implementationAgents(List.of("impl-a", "rev-a", "ghost")).build(),
                RunRequest.of(FakeHost.MISSION),
                b -> b.addAdapter(withExecutable("impl-a", tool.toString()))
                        .addAdapter(withExecutable("rev-a", bin.resolve("missing-tool").toString())));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.agentProbes()).extracting(AgentProbe::agentId)
                .containsExactly("impl-a", "rev-a", "ghost", "rev-b");
        Map<String, AgentProbe> byId = report.agentProbes().stream()
                .collect(Collectors.toMap(AgentProbe::agentId, p -> p));
        assertThat(byId.get("impl-a").installed()).isTrue();
        assertThat(byId.get("impl-a").version()).hasValueSatisfying(v -> assertThat(v).contains("9.8.7"));
        assertThat(byId.get("rev-a").installed()).isFalse();
        assertThat(byId.get("rev-a").problem()).hasValueSatisfying(p -> assertThat(p).contains("missing-tool"));
        assertThat(byId.get("ghost").problem()).hasValueSatisfying(p -> assertThat(p).contains("no adapter"));

        List<Map<String, String>> agentPlans = h.events(EventType.PLAN).stream().map(OrchestrationEvent::fields)
                .filter(f -> f.containsKey("agent")).collect(Collectors.toList());
        assertThat(agentPlans).extracting(f -> f.get("agent")).containsExactly("impl-a", "rev-a", "ghost", "rev-b");
        assertThat(agentPlans.get(0)).containsEntry("available", "true").containsEntry("installed", "true")
                .containsEntry("path", tool.toString()).containsKey("version");
        assertThat(agentPlans.get(1)).containsEntry("available", "false").containsEntry("installed", "false")
                .containsKey("problem");
        assertThat(agentPlans.get(2)).containsEntry("available", "false");

        // mutating nothing: only the read-only mission state, no agent runs, no state saved
        assertThat(h.host.calls.stream().map(c -> c.command).collect(Collectors.toSet()))
                .containsExactly("mission-state");
        assertThat(h.agents.runs).isEmpty();
        assertThat(h.store.load()).isEmpty();
    }

    @Test
    void aRealRunReportsNoProbes() {
        Harness h = new Harness(root);
        h.host.add("WP01", List.of(), "");
        RunReport report = h.run(h.options().build());
        assertThat(report.agentProbes()).isEmpty();
    }
}
