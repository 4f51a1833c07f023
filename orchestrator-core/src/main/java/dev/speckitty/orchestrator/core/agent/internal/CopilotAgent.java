package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;

/**
 * GitHub Copilot CLI: {@code copilot --no-ask-user -s … -p <prompt>}, prompt as the value of {@code -p} (or a
 * reference to the prompt file when too large).
 *
 * <p>The reference ran {@code gh copilot suggest -t shell --yolo -p <prompt>}, the legacy shell-command suggester,
 * which is not a coding agent and does not know those flags. The coding agent is the standalone {@code copilot}
 * binary.
 *
 * <ul>
 *   <li>Implementer: {@code --allow-all-tools} (every tool runs without asking).
 *   <li>Reviewer: no blanket permission and {@code --deny-tool write}: read-only tools run by default, anything that
 *       would need approval is refused in a non-interactive run.
 * </ul>
 *
 * <p>{@code -s} prints only the agent's answer (the final message); no usage is reported. Flags checked against
 * GitHub's Copilot CLI programmatic reference.
 */
public final class CopilotAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code copilot}
     */
    public CopilotAgent(String executable) {
        super("copilot", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new CopilotAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return reviewing(in)
                ? List.of("--no-ask-user", "-s", "--deny-tool", "write")
                : List.of("--no-ask-user", "-s", "--allow-all-tools");
    }

    @Override
    protected List<String> trailingArgs(AgentInvocation in) {
        return List.of("-p", promptArgument(in));
    }

    @Override
    protected boolean promptOnStdin() {
        return false;
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        return PlainText.parse(out);
    }
}
