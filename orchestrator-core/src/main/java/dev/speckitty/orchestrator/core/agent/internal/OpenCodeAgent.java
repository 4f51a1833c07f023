package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;

/**
 * OpenCode: {@code opencode run --format json --agent <agent>}, prompt on stdin ({@code run} reads the message from
 * stdin when it is not a terminal, which avoids the argv size limit).
 *
 * <ul>
 *   <li>Implementer: {@code --agent build --dangerously-skip-permissions} (no permission prompt can be answered in
 *       a non-interactive run).
 *   <li>Reviewer: {@code --agent plan}, OpenCode's read-only agent (edits denied). The reference gave the reviewer
 *       the write-capable {@code build} agent.
 * </ul>
 *
 * <p>Model: {@code -m provider/model}. Output: see {@link OpenCodeEvents}. Flags checked against OpenCode
 * documentation and integrations; {@code --dangerously-skip-permissions} needs a recent OpenCode (1.x).
 */
public final class OpenCodeAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code opencode}
     */
    public OpenCodeAgent(String executable) {
        super("opencode", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new OpenCodeAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return reviewing(in)
                ? List.of("run", "--format", "json", "--agent", "plan")
                : List.of("run", "--format", "json", "--agent", "build", "--dangerously-skip-permissions");
    }

    @Override
    protected List<String> modelArgs(String model) {
        return List.of("-m", model);
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        return OpenCodeEvents.parse(out);
    }
}
