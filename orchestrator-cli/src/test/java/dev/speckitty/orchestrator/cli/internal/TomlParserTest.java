package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlParserTest {

    @Test
    void parsesTheReferenceLayout() {
        String text = """
                # orchestrator settings
                max_concurrent_wps = 3   # three at once

                [agents]
                implementation = ["claude-code", 'codex']
                review = [
                  "claude-code",  # first
                  "gemini",
                ]
                max_retries = 1
                timeout_seconds = 1_800
                single_agent_mode = true

                [agents.settings.claude-code]
                model = "opus \\"4\\""
                env = { FOO = "bar", "X-Y" = "z" }

                [agents.settings."codex".env]
                OPENAI_BASE_URL = "http://localhost#not-a-comment"
                """;
        Map<String, Object> t = TomlParser.parse("f.toml", text);
        assertThat(t.get("max_concurrent_wps")).isEqualTo(3L);
        @SuppressWarnings("unchecked")
        Map<String, Object> agents = (Map<String, Object>) t.get("agents");
        assertThat(agents.get("implementation")).isEqualTo(List.of("claude-code", "codex"));
        assertThat(agents.get("review")).isEqualTo(List.of("claude-code", "gemini"));
        assertThat(agents.get("timeout_seconds")).isEqualTo(1800L);
        assertThat(agents.get("single_agent_mode")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) agents.get("settings");
        assertThat(settings).containsOnlyKeys("claude-code", "codex");
        assertThat(settings.get("claude-code").toString()).contains("opus \"4\"").contains("X-Y=z");
        assertThat(settings.get("codex").toString()).contains("http://localhost#not-a-comment");
    }

    @Test
    void dottedKeysBuildTables() {
        Map<String, Object> t = TomlParser.parse("f", "agents.max_retries = 5\nmerge.push = false\n");
        assertThat(t).containsEntry("agents", Map.of("max_retries", 5L)).containsEntry("merge", Map.of("push", false));
    }

    @Test
    void errorsNameTheSourceAndLine() {
        assertThatThrownBy(() -> TomlParser.parse("x.toml", "a = 1\nb = \"unterminated\n"))
                .isInstanceOf(ConfigException.class).hasMessage("x.toml:2: unterminated string");
        assertThatThrownBy(() -> TomlParser.parse("x.toml", "a = 1\n\n\na = 2\n"))
                .hasMessage("x.toml:4: duplicate key 'a'");
        assertThatThrownBy(() -> TomlParser.parse("x.toml", "a = 1.5\n"))
                .hasMessageContaining("x.toml:1: unsupported value '1.5'");
        assertThatThrownBy(() -> TomlParser.parse("x.toml", "[[agents]]\n"))
                .hasMessageContaining("arrays of tables");
        assertThatThrownBy(() -> TomlParser.parse("x.toml", "a = 1 b = 2\n"))
                .hasMessageContaining("x.toml:1: unexpected 'b'");
        assertThatThrownBy(() -> TomlParser.parse("x.toml", "a = [1, 2\n"))
                .hasMessageContaining("unterminated array");
        assertThatThrownBy(() -> TomlParser.parse("x.toml", "a = 1\n[a]\n"))
                .hasMessageContaining("'a' is already a value");
    }
}
