package dev.speckitty.orchestrator.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's scripted agent as a real process, configured as a generic command agent. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ScriptedAgentIntegrationTest {
    @TempDir
    Path dir;

    private Path scriptedAgent;
    private Path scenario;

    @BeforeEach
    void locate() throws Exception {
        try {
            scriptedAgent = SimulatedHostExecutable.scriptedAgentPath();
        } catch (IllegalStateException e) {
            Assumptions.abort("scripted agent not built: " + e.getMessage());
        }
        scenario = Files.writeString(dir.resolve("scenario.json"), """
                {"defaults": {"files": {}, "mark_subtasks": false, "read_prompt_from_stdin": true,
                              "usage": {"input_tokens": 1200, "output_tokens": 300, "cost_usd": 0.0123}},
                 "rules": [{"wp": "WP02", "behavior": {"failure": "rate_limit"}}]}
                """);
    }

    private GenericCommandAgent agent() {
        return GenericCommandAgent.builder()
                .id("scripted")
                .executable(scriptedAgent.toString())
                .implementerArgs(List.of("--scenario", scenario.toString()))
                .environment(Map.of(
                        "SPEC_KITTY_WP_ID", "{wp}",
                        "SPEC_KITTY_ROLE", "{role}",
                        "SPEC_KITTY_ATTEMPT", "{attempt}",
                        "SPEC_KITTY_MISSION", "{mission}",
                        "SPEC_KITTY_WORKSPACE", "{workspace}",
                        "SPEC_KITTY_PROMPT_FILE", "{prompt_file}",
                        "SPEC_KITTY_VERDICT_FILE", "{verdict_file}"))
                .build();
    }

    private AgentOutcome run(AgentInvocation in) throws InterruptedException {
        GenericCommandAgent agent = agent();
        AgentRunOutput out = ProcessAgentLauncher.create().run(agent.command(in), dir, Duration.ofSeconds(120),
                dir.resolve("logs").resolve(in.wpId() + "-" + in.role() + ".log"));
        return agent.interpret(in, out);
    }

    @Test
    void implementerSucceedsWithUsageAndRateLimitIsClassified() throws Exception {
        AgentOutcome ok = run(Fixtures.invocation(AgentRole.IMPLEMENTER).workspace(dir).build());
        AgentOutcome limited = run(Fixtures.invocation(AgentRole.IMPLEMENTER).workspace(dir).wpId("WP02").build());

        assertThat(ok.succeeded()).as(ok.summary()).isTrue();
        assertThat(ok.usage().orElseThrow().inputTokens().getAsLong()).isEqualTo(1200);
        assertThat(ok.usage().get().costUsd().getAsDouble()).isEqualTo(0.0123);
        assertThat(limited.failure()).contains(AgentFailure.RATE_LIMIT);
    }

    @Test
    void reviewerWritesItsVerdictFile() throws Exception {
        Path verdict = dir.resolve("verdicts").resolve("WP01.json");
        Files.createDirectories(verdict.getParent());

        AgentOutcome review = run(Fixtures.invocation(AgentRole.REVIEWER).workspace(dir).verdictFile(verdict).build());

        assertThat(review.succeeded()).as(review.summary()).isTrue();
        assertThat(Files.readString(verdict)).contains("\"verdict\"").contains("approved");
    }
}
