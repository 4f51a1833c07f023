package dev.speckitty.orchestrator.core.agent;

import static dev.speckitty.orchestrator.core.agent.Fixtures.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericCommandAgentTest {

    private static GenericCommandAgent.Builder scripted() {
        return GenericCommandAgent.builder()
                .id("scripted")
                .executable("/opt/kit/bin/scripted-agent")
                .implementerArgs(List.of("--role={role}", "--prompt-file", "{prompt_file}", "--workspace",
                        "{workspace}", "--wp", "{wp}", "--mission", "{mission}", "--attempt", "{attempt}"))
                .reviewerArgs(List.of("review", "--verdict-file", "{verdict_file}", "--wp", "{wp}"));
    }

    @Test
    void substitutesEveryPlaceholderPerRole() {
        GenericCommandAgent agent = scripted().build();

        AgentCommand impl = agent.command(Fixtures.invocation(AgentRole.IMPLEMENTER).attempt(2).build());
        AgentCommand rev = agent.command(Fixtures.invocation(AgentRole.REVIEWER).build());

        assertThat(impl.argv()).containsExactly("/opt/kit/bin/scripted-agent", "--role=implementer",
                "--prompt-file", Fixtures.PROMPT_FILE.toString(), "--workspace", Fixtures.WORKSPACE.toString(),
                "--wp", "WP01", "--mission", "001-demo", "--attempt", "2");
        assertThat(rev.argv()).containsExactly("/opt/kit/bin/scripted-agent", "review", "--verdict-file",
                Fixtures.VERDICT_FILE.toString(), "--wp", "WP01");
        assertThat(impl.stdin()).contains(Fixtures.PROMPT);
    }

    @Test
    void reviewerTemplateDefaultsToTheImplementers() {
        GenericCommandAgent agent = GenericCommandAgent.builder().id("a").executable("a")
                .implementerArgs(List.of("--as", "{role}")).build();

        assertThat(agent.command(Fixtures.invocation(AgentRole.REVIEWER).build()).argv())
                .containsExactly("a", "--as", "reviewer");
    }

    @Test
    void pathsWithSpacesQuotesAndShellSyntaxStayOneElement() {
        Path evil = Path.of("/tmp/my prompts/it's \"quoted\" $(rm -rf ~); `x` {wp}.md");
        AgentInvocation in = Fixtures.invocation(AgentRole.IMPLEMENTER).promptFile(evil).build();

        AgentCommand cmd = GenericCommandAgent.builder().id("a").executable("a")
                .implementerArgs(List.of("--prompt={prompt_file}")).build().command(in);

        // one element, verbatim: the {wp} inside the value is not expanded again
        assertThat(cmd.argv()).containsExactly("a", "--prompt=" + evil);
    }

    @Test
    void modelElementsAppearOnlyWithAModel() {
        GenericCommandAgent agent = GenericCommandAgent.builder().id("a").executable("a")
                .implementerArgs(List.of("run", "--model={model}", "--fast"))
                .modelArgs(List.of("-m", "{model}"))
                .build();

        assertThat(agent.command(Fixtures.implementer()).argv()).containsExactly("a", "run", "--fast");
        assertThat(agent.command(Fixtures.invocation(AgentRole.IMPLEMENTER).model("big").addExtraArgs("--x").build())
                .argv()).containsExactly("a", "run", "--model=big", "--fast", "-m", "big", "--x");
    }

    @Test
    void environmentValuesAreTemplatedAndStdinCanBeOff() {
        GenericCommandAgent agent = scripted().promptOnStdin(false)
                .putEnvironment("KIT_ROLE", "{role}-{attempt}")
                .environment(Map.of("KIT_FIXED", "1"))
                .build();

        AgentCommand cmd = agent.command(Fixtures.invocation(AgentRole.REVIEWER).attempt(3).build());

        assertThat(cmd.environment()).containsEntry("KIT_ROLE", "reviewer-3").containsEntry("KIT_FIXED", "1");
        assertThat(cmd.stdin()).isEmpty();
    }

    @Test
    void bracesThatAreNotPlaceholdersAreKept() {
        AgentCommand cmd = GenericCommandAgent.builder().id("a").executable("a")
                .implementerArgs(List.of("--json={\"wp\": \"{wp}\"}", "{ }", "{X}")).build()
                .command(Fixtures.implementer());

        assertThat(cmd.argv()).containsExactly("a", "--json={\"wp\": \"WP01\"}", "{ }", "{X}");
    }

    @Test
    void unknownPlaceholderIsRejectedAtBuild() {
        assertThatThrownBy(() -> GenericCommandAgent.builder().id("a").executable("a")
                        .implementerArgs(List.of("--p", "{prompt}")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{prompt}")
                .hasMessageContaining("prompt_file")
                .hasMessageContaining("never put in argv");
        assertThatThrownBy(() -> GenericCommandAgent.builder().id("a").executable("a")
                        .putEnvironment("X", "{wp_id}").build())
                .hasMessageContaining("{wp_id}");
    }

    @Test
    void idAndExecutableAreRequired() {
        assertThatThrownBy(() -> GenericCommandAgent.builder().executable("a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> GenericCommandAgent.builder().id("a").executable(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("executable");
    }

    @Test
    void interpretUsesExitCodesUsageLineAndOptionalOutputRequirement() {
        GenericCommandAgent lenient = scripted().build();
        GenericCommandAgent strict = scripted().requireOutput(true).build();
        AgentInvocation in = Fixtures.implementer();

        assertThat(lenient.interpret(in, output(0, "", "")).succeeded()).isTrue();
        assertThat(strict.interpret(in, output(0, "", "")).failure()).contains(AgentFailure.NO_OUTPUT);
        assertThat(strict.interpret(in, output(42, "", "")).failure()).contains(AgentFailure.RATE_LIMIT);
        assertThat(strict.interpret(in, output(0, "SPEC_KITTY_USAGE: {\"input_tokens\": 5}\n", "")).usage())
                .isPresent();
    }

    @Test
    void versionArgsAreConfigurable() {
        assertThat(scripted().build().versionArgs()).containsExactly("--version");
        assertThat(scripted().versionArgs(List.of("version")).build().versionArgs()).containsExactly("version");
    }
}
