package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;

/**
 * Claude Code: {@code claude -p --output-format json}, prompt on stdin.
 *
 * <ul>
 *   <li>Implementer: {@code --permission-mode bypassPermissions} (the documented spelling of
 *       {@code --dangerously-skip-permissions}); every tool is available.
 *   <li>Reviewer: {@code --permission-mode default} with {@code --allowedTools} limited to reading tools and read-only
 *       git commands. In print mode nobody can approve anything else, so writes and other shell commands are denied.
 *       The reference allowed plain {@code Bash} here, which let a reviewer change the workspace. The verdict comes
 *       back in the {@code result} text (see {@code AgentOutcome.finalMessage()}).
 * </ul>
 *
 * <p>Unlike the reference, {@code is_error: true} or an {@code error_*} subtype with exit 0 is a failure, and
 * {@code total_cost_usd} and {@code usage} are reported. Flags checked against the Claude Code headless and CLI
 * documentation.
 */
public final class ClaudeCodeAgent extends CliAgent {
    static final String REVIEW_TOOLS =
            "Read,Glob,Grep,LS,Bash(git diff:*),Bash(git log:*),Bash(git show:*),Bash(git status:*)";

    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code claude}
     */
    public ClaudeCodeAgent(String executable) {
        super("claude-code", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new ClaudeCodeAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        if (reviewing(in)) {
            return List.of("-p", "--output-format", "json", "--permission-mode", "default",
                    "--allowedTools", REVIEW_TOOLS);
        }
        return List.of("-p", "--output-format", "json", "--permission-mode", "bypassPermissions");
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        return ResultJson.parse(out);
    }
}
