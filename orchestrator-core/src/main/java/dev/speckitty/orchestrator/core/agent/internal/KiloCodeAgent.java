package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;

/**
 * Kilo Code CLI 1.x: {@code kilo run --format json …}, prompt on stdin.
 *
 * <p>The reference ran the pre-1.0 CLI ({@code kilocode -a --yolo -j <prompt>}). Kilo 1.0 (npm {@code @kilocode/cli})
 * installs the binary {@code kilo}, is an OpenCode fork and runs non-interactively with {@code kilo run}; {@code
 * --auto} disables every permission prompt.
 *
 * <ul>
 *   <li>Implementer: {@code kilo run --auto --format json}.
 *   <li>Reviewer: {@code kilo run --agent plan --format json}: Kilo's read-only {@code plan} agent, without
 *       {@code --auto} so nothing the plan agent would have to ask for is approved.
 * </ul>
 *
 * <p>Not confirmed from Kilo's own documentation: {@code --format json} and {@code --agent} on {@code kilo run}
 * (inherited from OpenCode) and the event format (parsed as {@link OpenCodeEvents}). For the legacy CLI, use a
 * {@code GenericCommandAgent} with {@code kilocode --auto --json {prompt…}} instead.
 */
public final class KiloCodeAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code kilo}
     */
    public KiloCodeAgent(String executable) {
        super("kilocode", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new KiloCodeAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return reviewing(in)
                ? List.of("run", "--agent", "plan", "--format", "json")
                : List.of("run", "--auto", "--format", "json");
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
