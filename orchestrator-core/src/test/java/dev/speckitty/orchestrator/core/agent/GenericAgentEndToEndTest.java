package dev.speckitty.orchestrator.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A generic agent driving a real fake-agent script through the process launcher. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class GenericAgentEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void argumentsArriveIntactAndUsageIsRead() throws Exception {
        Path script = Fixtures.script(dir, "fake-agent",
                "echo \"argc=$#\"",
                "for a in \"$@\"; do echo \"arg=[$a]\"; done",
                "echo \"role=$KIT_ROLE\"",
                "echo \"stdin=$(cat)\"",
                "echo 'SPEC_KITTY_USAGE: {\"input_tokens\": 1200, \"output_tokens\": 300, \"cost_usd\": 0.0123}'",
                "exit \"${KIT_EXIT:-0}\"");
        Path promptFile = dir.resolve("prompts dir/it's a \"prompt\"; $(touch pwned) `x`.md");
        Files.createDirectories(promptFile.getParent());
        GenericCommandAgent agent = GenericCommandAgent.builder()
                .id("fake")
                .executable(script.toString())
                .implementerArgs(List.of("--prompt-file", "{prompt_file}", "--wp={wp}"))
                .putEnvironment("KIT_ROLE", "{role}#{attempt}")
                .build();
        AgentInvocation in = Fixtures.invocation(AgentRole.IMPLEMENTER).workspace(dir).promptFile(promptFile)
                .prompt("do the work").attempt(2).build();

        AgentCommand cmd = agent.command(in);
        AgentRunOutput out = ProcessAgentLauncher.create().run(cmd, dir, Duration.ofSeconds(60), dir.resolve("l.log"));
        AgentOutcome outcome = agent.interpret(in, out);

        assertThat(out.stdout().lines()).containsSubsequence(
                "argc=3", "arg=[--prompt-file]", "arg=[" + promptFile + "]", "arg=[--wp=WP01]",
                "role=implementer#2", "stdin=do the work");
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.usage().orElseThrow().inputTokens().getAsLong()).isEqualTo(1200);
    }

    @Test
    void rateLimitExitIsClassified() throws Exception {
        Path script = Fixtures.script(dir, "limited", "echo 'Error: 429 rate limit, retry after 30s' >&2", "exit 42");
        GenericCommandAgent agent = GenericCommandAgent.builder().id("fake").executable(script.toString()).build();
        AgentInvocation in = Fixtures.invocation(AgentRole.REVIEWER).workspace(dir).build();

        AgentRunOutput out = ProcessAgentLauncher.create().run(agent.command(in), dir, Duration.ofSeconds(60),
                dir.resolve("r.log"));
        AgentOutcome outcome = agent.interpret(in, out);

        assertThat(outcome.failure()).contains(AgentFailure.RATE_LIMIT);
        assertThat(outcome.summary()).isEqualTo("exit 42: Error: 429 rate limit, retry after 30s");
    }
}
