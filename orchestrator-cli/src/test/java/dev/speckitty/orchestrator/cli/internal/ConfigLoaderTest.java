package dev.speckitty.orchestrator.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path root;

    private void write(String name, String text) throws IOException {
        Path f = root.resolve(".kittify").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void defaultsWithoutAnyFile() {
        CliSettings s = ConfigLoader.load(root, Map.of(), Map.of());
        assertThat(s.maxConcurrent()).isEqualTo(4);
        assertThat(s.implementationAgents()).containsExactly("claude-code");
        assertThat(s.reviewAgents()).containsExactly("claude-code");
        assertThat(s.maxRetries()).isEqualTo(2);
        assertThat(s.agentTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(s.agentIdleTimeout()).as("idle-output timeout is off by default").isEmpty();
        assertThat(s.actor()).isEqualTo("spec-kitty-orchestrator");
        assertThat(s.host()).isEqualTo("spec-kitty");
        assertThat(s.inhibitSleep()).isTrue();
        assertThat(s.sources()).isEmpty();
    }

    @Test
    void readsThePythonReferenceToml() throws IOException {
        write("orchestrator.toml", """
                max_concurrent_wps = 2
                [agents]
                implementation = ["codex", "claude-code"]
                review = ["gemini"]
                max_retries = 0
                timeout_seconds = 60
                single_agent_mode = true
                """);
        CliSettings s = ConfigLoader.load(root, Map.of(), Map.of());
        assertThat(s.maxConcurrent()).isEqualTo(2);
        assertThat(s.implementationAgents()).containsExactly("codex", "claude-code");
        assertThat(s.reviewAgents()).containsExactly("gemini");
        assertThat(s.maxRetries()).isZero();
        assertThat(s.agentTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.singleAgentMode()).isTrue();
        assertThat(s.sources()).hasSize(1);
    }

    @Test
    void precedenceIsCommandLineThenEnvironmentThenYamlThenTomlThenDefaults() throws IOException {
        write("orchestrator.toml", "max_concurrent_wps = 2\nactor = \"toml\"\nhost = \"toml-host\"\n"
                + "[agents]\nmax_retries = 5\n");
        write("orchestrator.yaml", "max_concurrent_wps: 3\nactor: yaml\n");
        Map<String, String> env = Map.of("SPEC_KITTY_ORCHESTRATOR_MAX_CONCURRENT_WPS", "6",
                "SPEC_KITTY_ORCHESTRATOR_AGENTS_IMPLEMENTATION", "codex, gemini", "UNRELATED", "x");
        CliSettings s = ConfigLoader.load(root, env, Map.of("max_concurrent_wps", 7));
        assertThat(s.maxConcurrent()).isEqualTo(7);
        assertThat(s.implementationAgents()).containsExactly("codex", "gemini");
        assertThat(s.actor()).isEqualTo("yaml");
        assertThat(s.host()).isEqualTo("toml-host");
        assertThat(s.maxRetries()).isEqualTo(5);
        assertThat(s.reviewAgents()).containsExactly("claude-code");

        CliSettings noCli = ConfigLoader.load(root, env, Map.of());
        assertThat(noCli.maxConcurrent()).isEqualTo(6);
        CliSettings noEnv = ConfigLoader.load(root, Map.of(), Map.of());
        assertThat(noEnv.maxConcurrent()).isEqualTo(3);
    }

    @Test
    void idleTimeoutsGlobalPerAgentAndPerRole() throws IOException {
        write("orchestrator.yaml", """
                agents:
                  idle_timeout_seconds: 600
                  settings:
                    claude-code:
                      idle_timeout_seconds: 120
                      review_idle_timeout_seconds: 30
                    codex:
                      implementation_idle_timeout_seconds: 900
                """);
        CliSettings s = ConfigLoader.load(root, Map.of(), Map.of());
        assertThat(s.agentIdleTimeout()).contains(Duration.ofMinutes(10));
        CliSettings.AgentSettings claude = s.agentSettings().get("claude-code");
        assertThat(claude.implementationIdleTimeout()).contains(Duration.ofMinutes(2));
        assertThat(claude.reviewIdleTimeout()).as("the role's own key wins").contains(Duration.ofSeconds(30));
        CliSettings.AgentSettings codex = s.agentSettings().get("codex");
        assertThat(codex.implementationIdleTimeout()).contains(Duration.ofMinutes(15));
        assertThat(codex.reviewIdleTimeout()).isEmpty();
        CliSettings fromEnv = ConfigLoader.load(root,
                Map.of("SPEC_KITTY_ORCHESTRATOR_AGENTS_IDLE_TIMEOUT_SECONDS", "45"), Map.of());
        assertThat(fromEnv.agentIdleTimeout()).contains(Duration.ofSeconds(45));
    }

    @Test
    void aZeroIdleTimeoutIsRejectedWithTheKey() throws IOException {
        write("orchestrator.yaml", """
                agents:
                  settings:
                    codex:
                      idle_timeout_seconds: 0
                """);
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("idle_timeout_seconds");
    }

    @Test
    void yamlAgentSettingsAndCustomAgents() throws IOException {
        write("orchestrator.yaml", """
                agents:
                  implementation: [my-agent, claude-code]
                  settings:
                    claude-code:
                      model: opus
                      extra_args: [--verbose]
                      implementation_timeout_seconds: 1200
                      review_timeout_seconds: 300
                      max_concurrent: 1
                      env: {ANTHROPIC_LOG: debug}
                  custom:
                    my-agent:
                      command: [my-agent, --yes]
                      prompt: file
                merge:
                  target: develop
                  strategy: squash
                  push: true
                """);
        CliSettings s = ConfigLoader.load(root, Map.of(), Map.of());
        CliSettings.AgentSettings c = s.agentSettings().get("claude-code");
        assertThat(c.model()).contains("opus");
        assertThat(c.extraArgs()).containsExactly("--verbose");
        assertThat(c.implementationTimeout()).contains(Duration.ofMinutes(20));
        assertThat(c.reviewTimeout()).contains(Duration.ofMinutes(5));
        assertThat(c.maxConcurrent()).contains(1);
        assertThat(c.env()).containsEntry("ANTHROPIC_LOG", "debug");
        CliSettings.CustomAgent my = s.customAgents().get("my-agent");
        assertThat(my.command()).containsExactly("my-agent", "--yes");
        assertThat(my.promptViaFile()).isTrue();
        assertThat(my.versionArgs()).containsExactly("--version");
        assertThat(s.mergeTarget()).contains("develop");
        assertThat(s.mergeStrategy()).contains("squash");
        assertThat(s.push()).isTrue();
    }

    @Test
    void unknownKeysAreErrorsWithADidYouMeanHint() throws IOException {
        write("orchestrator.yaml", "agents:\n  max_retry: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("orchestrator.yaml: unknown key 'agents.max_retry' (did you mean 'max_retries'?)")
                .hasMessageContaining("known keys in [agents]:");
    }

    @Test
    void unknownTopLevelTomlKey() throws IOException {
        write("orchestrator.toml", "max_concurrent = 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageContaining("orchestrator.toml: unknown key 'max_concurrent' (did you mean"
                        + " 'max_concurrent_wps'?)");
    }

    @Test
    void badValuesNameFileKeyAndProblem() throws IOException {
        write("orchestrator.yaml", "max_concurrent_wps: 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageEndingWith("orchestrator.yaml: key 'max_concurrent_wps': must be at least 1, got 0");
        write("orchestrator.yaml", "agents:\n  implementation: []\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageContaining("key 'agents.implementation': the list must not be empty");
        write("orchestrator.yaml", "merge:\n  strategy: octopus\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageContaining("key 'merge.strategy': expected one of merge, squash, rebase, got \"octopus\"");
        write("orchestrator.yaml", "agents:\n  single_agent_mode: \"yes\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageContaining("key 'agents.single_agent_mode': expected true or false, got \"yes\"");
        write("orchestrator.yaml", "agents:\n  custom:\n    x:\n      prompt: stdin\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageContaining("key 'agents.custom.x.command' is required");
        write("orchestrator.yaml", "agents: [a]\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageContaining("key 'agents': expected a table");
        write("orchestrator.yaml", "actor: a\nactor: b\n");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of(), Map.of()))
                .hasMessageContaining("orchestrator.yaml:2: not valid YAML").hasMessageContaining("actor");
    }

    @Test
    void environmentErrors() {
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of("SPEC_KITTY_ORCHESTRATOR_MAX_RETRIES", "3"),
                Map.of()))
                .hasMessageContaining("environment variable SPEC_KITTY_ORCHESTRATOR_MAX_RETRIES: unknown setting"
                        + " (did you mean 'SPEC_KITTY_ORCHESTRATOR_AGENTS_MAX_RETRIES'?)");
        assertThatThrownBy(() -> ConfigLoader.load(root, Map.of("SPEC_KITTY_ORCHESTRATOR_AGENTS_MAX_RETRIES", "x"),
                Map.of()))
                .hasMessageContaining("environment variable SPEC_KITTY_ORCHESTRATOR_AGENTS_MAX_RETRIES: key"
                        + " 'agents.max_retries': expected an integer, got \"x\"");
        CliSettings s = ConfigLoader.load(root, Map.of("SPEC_KITTY_ORCHESTRATOR_INHIBIT_SLEEP", "off",
                "SPEC_KITTY_ORCHESTRATOR_MERGE_STRATEGY", "rebase"), Map.of());
        assertThat(s.inhibitSleep()).isFalse();
        assertThat(s.mergeStrategy()).contains("rebase");
    }

    @Test
    void envNamesFollowTheDottedKeys() {
        assertThat(ConfigLoader.envName("agents.max_retries")).isEqualTo("SPEC_KITTY_ORCHESTRATOR_AGENTS_MAX_RETRIES");
        assertThat(ConfigLoader.KEYS.keySet()).contains("max_concurrent_wps", "agents.timeout_seconds", "merge.push");
        assertThat(List.copyOf(ConfigLoader.KEYS.keySet())).doesNotHaveDuplicates();
    }
}
