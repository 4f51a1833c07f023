package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;

/**
 * Augment Code's Auggie: {@code auggie --print --quiet … <prompt>}, prompt as the last argument (or a reference to
 * the prompt file when too large).
 *
 * <p>The reference's {@code auggie --acp <prompt>} starts the Agent Client Protocol server, not a one-shot run;
 * {@code --print} runs once and exits and {@code --quiet} prints only the final answer, which becomes the final
 * message. Auggie prints no machine-readable usage. No read-only mode is documented for print runs, so the reviewer
 * uses the same command line; the review prompt tells it not to edit, and the engine checks the worktree. Flags
 * checked against Auggie's README.
 */
public final class AugmentAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code auggie}
     */
    public AugmentAgent(String executable) {
        super("augment", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new AugmentAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return List.of("--print", "--quiet");
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
        return PlainText.parse(out);
    }
}
