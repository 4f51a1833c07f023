package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;

/**
 * Letta Code: {@code letta -p --output-format json}, prompt on stdin.
 *
 * <ul>
 *   <li>Implementer: {@code --yolo} (shorthand of {@code --permission-mode bypassPermissions}).
 *   <li>Reviewer: {@code --permission-mode plan} (read-only). The reference's {@code --tools Read,Glob,Grep} is not in
 *       the current documentation and is dropped.
 * </ul>
 *
 * <p>Usage comes from {@code usage.prompt_tokens} / {@code usage.completion_tokens}. Flags checked against the Letta
 * Code headless and permissions documentation.
 */
public final class LettaAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code letta}
     */
    public LettaAgent(String executable) {
        super("letta", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new LettaAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return reviewing(in)
                ? List.of("-p", "--output-format", "json", "--permission-mode", "plan")
                : List.of("-p", "--output-format", "json", "--yolo");
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        return ResultJson.parse(out);
    }
}
