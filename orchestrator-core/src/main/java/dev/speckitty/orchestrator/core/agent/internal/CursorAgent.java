package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;

/**
 * Cursor's agent CLI: {@code cursor-agent --print --output-format json}, prompt as the last argument (or a reference
 * to the prompt file when it is too large for one argument).
 *
 * <ul>
 *   <li>Both roles: {@code --trust}. A headless run in a directory Cursor has not trusted yet (every fresh lane
 *       worktree) otherwise prints "Workspace Trust Required" and exits 0 without doing anything; {@code --trust}
 *       only trusts the workspace and grants no tool permission.
 *   <li>Implementer: {@code --force} (run every action without approval).
 *   <li>Reviewer: {@code --mode ask} (read-only; no edits).
 * </ul>
 *
 * <p>Fixes of the reference: the binary is {@code cursor-agent} (newer installs also provide it as {@code agent};
 * configure that with an executable override), and there is no {@code timeout 300} wrapper: the launcher applies the
 * configured timeout to the whole process tree. Cursor's JSON result carries no token usage. Flags checked against
 * the Cursor CLI documentation.
 */
public final class CursorAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code cursor-agent}
     */
    public CursorAgent(String executable) {
        super("cursor", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new CursorAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return reviewing(in)
                ? List.of("--print", "--output-format", "json", "--trust", "--mode", "ask")
                : List.of("--print", "--output-format", "json", "--trust", "--force");
    }

    @Override
    protected List<String> trailingArgs(AgentInvocation in) {
        return List.of(promptArgument(in));
    }

    @Override
    protected boolean promptOnStdin() {
        return false;
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        return ResultJson.parse(out);
    }
}
