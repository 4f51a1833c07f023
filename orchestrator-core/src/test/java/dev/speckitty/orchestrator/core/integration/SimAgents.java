package dev.speckitty.orchestrator.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.EngineOptions;
import dev.speckitty.orchestrator.core.agent.GenericCommandAgent;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared pieces of the simulated-host tests: scripted agents as real processes, run options, git in a workspace. */
final class SimAgents {
    private SimAgents() {}

    /** The scripted agent following {@code scenario} (written next to {@code dir}), reaching the simulated host. */
    static AgentAdapter scripted(String id, AgentScenario scenario, Path dir) {
        return scripted(id, SimulatedHostExecutable.scriptedAgentPath(), scenario, dir);
    }

    /**
     * An agent run through {@code executable}, with the scripted agent's scenario in its environment (and the
     * scripted agent itself in {@code $SCRIPTED_AGENT}, for wrapper scripts).
     */
    static AgentAdapter scripted(String id, Path executable, AgentScenario scenario, Path dir) {
        Path file = scenario.writeTo(dir.resolve(id + "-scenario.json"));
        return GenericCommandAgent.builder()
                .id(id)
                .executable(executable.toString())
                .implementerArgs(List.of())
                .reviewerArgs(List.of())
                .putEnvironment("SCRIPTED_AGENT", SimulatedHostExecutable.scriptedAgentPath().toString())
                .putEnvironment("SCRIPTED_AGENT_SCENARIO", file.toString())
                .putEnvironment("SPEC_KITTY_BIN", SimulatedHostExecutable.path().toString())
                .build();
    }

    /** Runs git in a workspace with a throw-away identity; fails the test on a non-zero exit; returns stdout. */
    static String git(Path workspace, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-C", workspace.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    /**
     * Options for a run on the simulated host: one implementer chain and one review chain, generous agent timeouts,
     * no real back-off, agents reaching the simulated host, logs under {@code dir}.
     */
    static EngineOptions.Builder options(TestProject project, Path dir, List<String> implementers,
            List<String> reviewers) {
        return EngineOptions.builder()
                .projectRoot(project.root())
                .implementationAgents(implementers)
                .reviewAgents(reviewers)
                .implementationTimeout(Duration.ofSeconds(90))
                .reviewTimeout(Duration.ofSeconds(90))
                .initialBackoff(Duration.ofMillis(1))
                .hostExecutable(SimulatedHostExecutable.path())
                .logDirectory(dir.resolve("logs"));
    }
}
