package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-agent settings the engine has no option for: environment and per-role timeouts. */
class ConfiguredAgentTest {
    private static AgentInvocation invocation(AgentRole role) {
        return AgentInvocation.builder().role(role).mission("m").wpId("WP01").attempt(1).workspace(Path.of("/w"))
                .promptFile(Path.of("/w/p.md")).prompt("do it").verdictFile(Path.of("/w/v.json")).build();
    }

    @Test
    void addsEnvironmentAndRoleTimeoutAndTheLauncherAppliesIt() throws Exception {
        AgentAdapter base = AgentAdapters.byId("claude-code");
        ConfiguredAgent agent = new ConfiguredAgent(base, new CliSettings.AgentSettings(Optional.empty(), List.of(),
                Optional.of(Duration.ofSeconds(90)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("FOO", "bar")), Optional.empty());
        assertThat(agent.id()).isEqualTo("claude-code");
        assertThat(agent.executable()).isEqualTo(base.executable());

        AgentCommand impl = agent.command(invocation(AgentRole.IMPLEMENTER));
        assertThat(impl.environment()).containsEntry("FOO", "bar")
                .containsEntry(ConfiguredAgent.TIMEOUT_VARIABLE, "90");
        assertThat(impl.argv()).isEqualTo(base.command(invocation(AgentRole.IMPLEMENTER)).argv());
        AgentCommand review = agent.command(invocation(AgentRole.REVIEWER));
        assertThat(review.environment()).containsEntry("FOO", "bar")
                .doesNotContainKey(ConfiguredAgent.TIMEOUT_VARIABLE);

        List<Duration> seen = new ArrayList<>();
        PerAgentTimeoutLauncher launcher = new PerAgentTimeoutLauncher((command, dir, timeout, log) -> {
            seen.add(timeout);
            return AgentRunOutput.builder().exitCode(0).stdout("").stderr("").build();
        });
        launcher.run(impl, Path.of("/w"), Duration.ofHours(1), Path.of("/w/log"));
        launcher.run(review, Path.of("/w"), Duration.ofHours(1), Path.of("/w/log"));
        assertThat(seen).containsExactly(Duration.ofSeconds(90), Duration.ofHours(1));
        assertThat(impl.idleTimeout()).isEmpty();
        assertThat(review.idleTimeout()).isEmpty();
    }

    @Test
    void idleTimeoutIsPerRoleWithTheGlobalAsDefault() {
        AgentAdapter base = AgentAdapters.byId("codex");
        ConfiguredAgent reviewOnly = new ConfiguredAgent(base, new CliSettings.AgentSettings(Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(30)),
                Optional.empty(), Map.of()), Optional.of(Duration.ofMinutes(10)));
        ConfiguredAgent unconfigured = new ConfiguredAgent(base, CliSettings.AgentSettings.NONE, Optional.empty());

        assertThat(reviewOnly.command(invocation(AgentRole.REVIEWER)).idleTimeout()).contains(Duration.ofSeconds(30));
        assertThat(reviewOnly.command(invocation(AgentRole.IMPLEMENTER)).idleTimeout())
                .as("no per-agent value for the role: the global default").contains(Duration.ofMinutes(10));
        assertThat(unconfigured.command(invocation(AgentRole.IMPLEMENTER))).isEqualTo(
                base.command(invocation(AgentRole.IMPLEMENTER)));
    }
}
