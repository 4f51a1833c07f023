package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Claude Code: {@code claude -p --output-format json}, prompt on stdin.
 *
 * <ul>
 *   <li>Implementer: {@code --dangerously-skip-permissions}; every tool is available. (The spelling
 *       {@code --permission-mode bypassPermissions} is not used: some versions also require the acknowledgement flag
 *       or setting. Claude Code refuses this mode when run as root.)
 *   <li>Reviewer: {@code --permission-mode default} with {@code --allowedTools} limited to reading tools, read-only
 *       git commands and an {@code Edit(//<verdict file>)} rule, so the reviewer may write its verdict file and
 *       nothing else. In print mode nobody can approve anything else, so other writes and shell commands are
 *       denied. The reference allowed plain {@code Bash} here, which let a reviewer change the workspace. When the
 *       verdict path contains characters that are special in a rule list (whitespace, commas, parentheses, glob
 *       characters) the rule is left out and the verdict must come back in the {@code result} text (see
 *       {@code AgentOutcome.finalMessage()}).
 * </ul>
 *
 * <p>Unlike the reference, {@code is_error: true} or an {@code error_*} subtype with exit 0 is a failure, and
 * {@code total_cost_usd} and {@code usage} are reported. Flags checked against the Claude Code headless and CLI
 * documentation.
 */
public final class ClaudeCodeAgent extends CliAgent {
    private static final Pattern SAFE_RULE_PATH = Pattern.compile("[A-Za-z0-9_./:@+=~-]+");

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
                    "--allowedTools", reviewTools(in.verdictFile()));
        }
        return List.of("-p", "--output-format", "json", "--dangerously-skip-permissions");
    }

    /** Read-only tools plus permission to edit exactly the verdict file ({@code //} = absolute path in a rule). */
    static String reviewTools(Path verdictFile) {
        String path = verdictFile.toAbsolutePath().toString().replace('\\', '/');
        if (!SAFE_RULE_PATH.matcher(path).matches()) {
            return REVIEW_TOOLS;
        }
        return REVIEW_TOOLS + ",Edit(/" + (path.startsWith("/") ? path : "/" + path) + ")";
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        return ResultJson.parse(out);
    }
}
