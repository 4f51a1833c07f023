package dev.speckitty.orchestrator.core.agent;

import static dev.speckitty.orchestrator.core.agent.Fixtures.PROMPT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInAdapterArgvTest {
    private static final AgentRole IMPL = AgentRole.IMPLEMENTER;
    private static final AgentRole REV = AgentRole.REVIEWER;
    private static final String GEMINI_INSTRUCTION =
            "Carry out the instructions given above on standard input. Work without asking questions.";
    private static final String CLAUDE_REVIEW_TOOLS =
            "Read,Glob,Grep,LS,Bash(git diff:*),Bash(git log:*),Bash(git show:*),Bash(git status:*)";

    static Stream<Arguments> plainArgv() {
        return Stream.of(
                Arguments.of("claude-code", IMPL, true,
                        List.of("claude", "-p", "--output-format", "json", "--dangerously-skip-permissions")),
                Arguments.of("claude-code", REV, true,
                        List.of("claude", "-p", "--output-format", "json", "--permission-mode", "default",
                                "--allowedTools",
                                CLAUDE_REVIEW_TOOLS + ",Edit(//work/.kittify/verdicts/WP01-1.json)")),
                Arguments.of("codex", IMPL, true, List.of("codex", "exec", "--json", "--skip-git-repo-check",
                        "--sandbox", "danger-full-access", "-")),
                Arguments.of("codex", REV, true, List.of("codex", "exec", "--json", "--skip-git-repo-check",
                        "--sandbox", "read-only", "-")),
                Arguments.of("gemini", IMPL, true, List.of("gemini", "--approval-mode", "yolo", "--output-format",
                        "json", "--prompt", GEMINI_INSTRUCTION)),
                Arguments.of("gemini", REV, true, List.of("gemini", "--approval-mode", "default", "--output-format",
                        "json", "--prompt", GEMINI_INSTRUCTION)),
                Arguments.of("qwen", IMPL, true, List.of("qwen", "--approval-mode", "yolo", "--output-format",
                        "json", "--prompt", GEMINI_INSTRUCTION)),
                Arguments.of("qwen", REV, true, List.of("qwen", "--approval-mode", "default", "--output-format",
                        "json", "--prompt", GEMINI_INSTRUCTION)),
                Arguments.of("opencode", IMPL, true, List.of("opencode", "run", "--format", "json", "--agent",
                        "build", "--dangerously-skip-permissions")),
                Arguments.of("opencode", REV, true,
                        List.of("opencode", "run", "--format", "json", "--agent", "plan")),
                Arguments.of("kilocode", IMPL, true, List.of("kilo", "run", "--auto", "--format", "json")),
                Arguments.of("kilocode", REV, true, List.of("kilo", "run", "--agent", "plan", "--format", "json")),
                Arguments.of("augment", IMPL, false, List.of("auggie", "--print", "--quiet", PROMPT)),
                Arguments.of("augment", REV, false, List.of("auggie", "--print", "--quiet", PROMPT)),
                Arguments.of("cursor", IMPL, false,
                        List.of("cursor-agent", "--print", "--output-format", "json", "--trust", "--force", PROMPT)),
                Arguments.of("cursor", REV, false,
                        List.of("cursor-agent", "--print", "--output-format", "json", "--trust", "--mode", "ask",
                                PROMPT)),
                Arguments.of("copilot", IMPL, false,
                        List.of("copilot", "--no-ask-user", "-s", "--allow-all-tools", "-p", PROMPT)),
                Arguments.of("copilot", REV, false,
                        List.of("copilot", "--no-ask-user", "-s", "--deny-tool", "write", "-p", PROMPT)),
                Arguments.of("pi", IMPL, true, List.of("pi", "-p", "--mode", "json", "--no-session", "--tools",
                        "read,bash,edit,write,grep,find,ls")),
                Arguments.of("pi", REV, true,
                        List.of("pi", "-p", "--mode", "json", "--no-session", "--tools", "read,grep,find,ls")),
                Arguments.of("letta", IMPL, true, List.of("letta", "-p", "--output-format", "json", "--yolo")),
                Arguments.of("letta", REV, true,
                        List.of("letta", "-p", "--output-format", "json", "--permission-mode", "plan")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("plainArgv")
    void argvPerRole(String id, AgentRole role, boolean stdin, List<String> expected) {
        AgentCommand cmd = AgentAdapters.byId(id).command(Fixtures.invocation(role).build());

        assertThat(cmd.argv()).containsExactlyElementsOf(expected);
        assertThat(cmd.stdin()).isEqualTo(stdin ? java.util.Optional.of(PROMPT) : java.util.Optional.empty());
        assertThat(cmd.environment()).isEmpty();
    }

    static Stream<Arguments> modelAndExtras() {
        return Stream.of(
                Arguments.of("claude-code", List.of("claude", "-p", "--output-format", "json",
                        "--dangerously-skip-permissions", "--model", "M", "--extra", "v")),
                Arguments.of("codex", List.of("codex", "exec", "--json", "--skip-git-repo-check", "--sandbox",
                        "danger-full-access", "-m", "M", "--extra", "v", "-")),
                Arguments.of("gemini", List.of("gemini", "--approval-mode", "yolo", "--output-format", "json",
                        "--model", "M", "--extra", "v", "--prompt", GEMINI_INSTRUCTION)),
                Arguments.of("qwen", List.of("qwen", "--approval-mode", "yolo", "--output-format", "json",
                        "--model", "M", "--extra", "v", "--prompt", GEMINI_INSTRUCTION)),
                Arguments.of("opencode", List.of("opencode", "run", "--format", "json", "--agent", "build",
                        "--dangerously-skip-permissions", "-m", "M", "--extra", "v")),
                Arguments.of("kilocode", List.of("kilo", "run", "--auto", "--format", "json", "-m", "M", "--extra",
                        "v")),
                Arguments.of("augment", List.of("auggie", "--print", "--quiet", "--model", "M", "--extra", "v",
                        PROMPT)),
                Arguments.of("cursor", List.of("cursor-agent", "--print", "--output-format", "json", "--trust", "--force",
                        "--model", "M", "--extra", "v", PROMPT)),
                Arguments.of("copilot", List.of("copilot", "--no-ask-user", "-s", "--allow-all-tools", "--model",
                        "M", "--extra", "v", "-p", PROMPT)),
                Arguments.of("pi", List.of("pi", "-p", "--mode", "json", "--no-session", "--tools",
                        "read,bash,edit,write,grep,find,ls", "--model", "M", "--extra", "v")),
                Arguments.of("letta", List.of("letta", "-p", "--output-format", "json", "--yolo", "--model", "M",
                        "--extra", "v")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelAndExtras")
    void modelAndExtraArgsGoBeforeTrailingArguments(String id, List<String> expected) {
        AgentInvocation in = Fixtures.invocation(IMPL).model("M").addExtraArgs("--extra", "v").build();

        assertThat(AgentAdapters.byId(id).command(in).argv()).containsExactlyElementsOf(expected);
    }

    @Test
    void claudeReviewerGetsNoVerdictRuleForAPathThatWouldBreakTheRuleList() {
        AgentInvocation in = Fixtures.invocation(REV).verdictFile(java.nio.file.Path.of("/tmp/my verdicts/v,1.json"))
                .build();

        List<String> argv = AgentAdapters.byId("claude-code").command(in).argv();

        assertThat(argv.get(argv.indexOf("--allowedTools") + 1)).isEqualTo(CLAUDE_REVIEW_TOOLS);
    }

    @Test
    void blankModelIsIgnored() {
        AgentInvocation in = Fixtures.invocation(IMPL).model("  ").build();

        assertThat(AgentAdapters.byId("claude-code").command(in).argv()).doesNotContain("--model");
    }

    @Test
    void everyBuiltInCoversTheRoleTable() {
        List<String> covered = plainArgv().map(a -> (String) a.get()[0]).distinct().toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(AgentAdapters.ids());
    }

    @Test
    void promptTooLargeForOneArgumentIsReferencedByItsFile() {
        String huge = "x".repeat(150_000);
        AgentInvocation in = Fixtures.invocation(IMPL).prompt(huge).build();

        for (String id : List.of("augment", "cursor", "copilot")) {
            List<String> argv = AgentAdapters.byId(id).command(in).argv();
            String last = argv.get(argv.size() - 1);
            assertThat(last).as(id).contains(Fixtures.PROMPT_FILE.toString()).hasSizeLessThan(1_000);
        }
    }

    @Test
    void promptStartingWithDashCannotBeReadAsAnOption() {
        AgentInvocation in = Fixtures.invocation(IMPL).prompt("--help me").build();

        List<String> argv = AgentAdapters.byId("cursor").command(in).argv();

        assertThat(argv.get(argv.size() - 1)).isEqualTo(" --help me");
    }

    @Test
    void executableOverrideKeepsTheArgv() {
        AgentAdapter adapter = AgentAdapters.withExecutable("cursor", "/opt/cursor/bin/agent");

        assertThat(adapter.id()).isEqualTo("cursor");
        assertThat(adapter.executable()).isEqualTo("/opt/cursor/bin/agent");
        assertThat(adapter.command(Fixtures.implementer()).argv())
                .containsExactly("/opt/cursor/bin/agent", "--print", "--output-format", "json", "--trust", "--force",
                        PROMPT);
    }
}
