package dev.speckitty.orchestrator.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentAdaptersTest {
    @TempDir
    Path dir;

    @Test
    void builtInsHaveTheReferenceIdsAndExecutables() {
        assertThat(AgentAdapters.ids()).containsExactly("claude-code", "codex", "gemini", "qwen", "opencode",
                "kilocode", "augment", "cursor", "copilot", "pi", "letta");
        assertThat(AgentAdapters.builtIns()).extracting(AgentAdapter::executable).containsExactly("claude", "codex",
                "gemini", "qwen", "opencode", "kilo", "auggie", "cursor-agent", "copilot", "pi", "letta");
        assertThat(AgentAdapters.builtIns()).extracting(AgentAdapter::id).containsExactlyElementsOf(AgentAdapters.ids());
    }

    @Test
    void namedFactoriesMatchTheRegistry() {
        List<AgentAdapter> named = List.of(AgentAdapters.claudeCode(), AgentAdapters.codex(), AgentAdapters.gemini(),
                AgentAdapters.qwen(), AgentAdapters.openCode(), AgentAdapters.kiloCode(), AgentAdapters.augment(),
                AgentAdapters.cursor(), AgentAdapters.copilot(), AgentAdapters.pi(), AgentAdapters.letta());

        assertThat(named).extracting(AgentAdapter::id).containsExactlyElementsOf(AgentAdapters.ids());
    }

    @Test
    void byIdAcceptsCaseAndAliases() {
        assertThat(AgentAdapters.byId("Claude-Code").id()).isEqualTo("claude-code");
        assertThat(AgentAdapters.byId("claude").id()).isEqualTo("claude-code");
        assertThat(AgentAdapters.byId("auggie").id()).isEqualTo("augment");
        assertThat(AgentAdapters.byId(" cursor-agent ").id()).isEqualTo("cursor");
        assertThat(AgentAdapters.isBuiltIn("kilo")).isTrue();
        assertThat(AgentAdapters.isBuiltIn("aider")).isFalse();
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        assertThatThrownBy(() -> AgentAdapters.byId("aider"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown agent id 'aider'")
                .hasMessageContaining("claude-code, codex, gemini, qwen, opencode, kilocode, augment, cursor, "
                        + "copilot, pi, letta");
        assertThatThrownBy(() -> AgentAdapters.withExecutable("nope", "/bin/x"))
                .hasMessageContaining("known ids");
        assertThatThrownBy(() -> AgentAdapters.withExecutable("codex", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probeReportsPathAndFirstVersionLine() throws Exception {
        Path fake = Fixtures.script(dir, "fake-agent", "[ \"$1\" = \"--version\" ] || exit 9",
                "echo", "echo 'fake-agent 1.2.3 (build 7)'", "echo 'second line'");
        AgentAdapter adapter = AgentAdapters.withExecutable("claude-code", fake.toString());

        AgentProbe probe = AgentAdapters.probe(adapter, Duration.ofSeconds(20));

        assertThat(AgentAdapters.installed(adapter)).isTrue();
        assertThat(probe.installed()).isTrue();
        assertThat(probe.agentId()).isEqualTo("claude-code");
        assertThat(probe.path()).contains(fake.toAbsolutePath());
        assertThat(probe.version()).contains("fake-agent 1.2.3 (build 7)");
        assertThat(probe.problem()).isEmpty();
    }

    @Test
    void probeOfAMissingExecutableDoesNotThrow() {
        AgentAdapter adapter = AgentAdapters.withExecutable("codex", dir.resolve("no-such-codex").toString());
        AgentAdapter bare = AgentAdapters.withExecutable("codex", "no-such-agent-binary-4711");

        AgentProbe probe = AgentAdapters.probe(adapter, Duration.ofSeconds(5));

        assertThat(probe.installed()).isFalse();
        assertThat(probe.path()).isEmpty();
        assertThat(probe.problem().orElseThrow()).contains("not found");
        assertThat(AgentAdapters.installed(bare)).isFalse();
        assertThat(AgentAdapters.probe(bare, Duration.ofSeconds(5)).problem().orElseThrow()).contains("on PATH");
    }

    @Test
    void probeFindsBareNamesOnPath() {
        assertThat(AgentAdapters.resolveExecutable("sh")).isPresent();
        AgentProbe probe = AgentAdapters.probe(
                GenericCommandAgent.builder().id("sh").executable("sh").versionArgs(List.of("-c", "echo 5.2"))
                        .build(),
                Duration.ofSeconds(20));
        assertThat(probe.version()).contains("5.2");
    }

    @Test
    void probeReportsAFailingOrHangingVersionCommand() throws Exception {
        Path failing = Fixtures.script(dir, "failing", "echo 'unknown option --version' >&2", "exit 3");
        Path hanging = Fixtures.script(dir, "hanging", "exec sleep 600");

        AgentProbe failed = AgentAdapters.probe(AgentAdapters.withExecutable("pi", failing.toString()),
                Duration.ofSeconds(20));
        AgentProbe hung = AgentAdapters.probe(AgentAdapters.withExecutable("pi", hanging.toString()),
                Duration.ofMillis(300));

        assertThat(failed.installed()).isTrue();
        assertThat(failed.version()).isEmpty();
        assertThat(failed.problem().orElseThrow()).contains("exited 3").contains("unknown option");
        assertThat(hung.installed()).isTrue();
        assertThat(hung.problem().orElseThrow()).contains("timed out");
    }
}
