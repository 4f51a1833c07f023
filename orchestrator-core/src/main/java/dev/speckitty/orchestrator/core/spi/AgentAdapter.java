package dev.speckitty.orchestrator.core.spi;

import java.util.List;

/**
 * One coding-agent CLI (Claude Code, Codex, Gemini, OpenCode, …): how to start it for a role and how to read what it
 * printed. Adapters are stateless and thread-safe; the {@link AgentLauncher} runs the command.
 *
 * <pre>{@code
 * final class MyAgent implements AgentAdapter {
 *     public String id() { return "my-agent"; }
 *     public String executable() { return "my-agent"; }
 *     public AgentCommand command(AgentInvocation in) {
 *         return AgentCommand.builder().addArgv("my-agent", "--non-interactive").stdin(in.prompt()).build();
 *     }
 *     public AgentOutcome interpret(AgentInvocation in, AgentRunOutput out) {
 *         return AgentAdapters.classifyByExitCode(out);
 *     }
 * }
 * }</pre>
 */
public interface AgentAdapter {
    /**
     * Returns the stable id used in configuration, e.g. {@code claude-code}.
     *
     * @return the id
     */
    String id();

    /**
     * Returns the executable the adapter starts by default (used for installation checks).
     *
     * @return the executable name or path
     */
    String executable();

    /**
     * Returns the arguments that make the executable print its version (for {@code doctor}).
     *
     * @return the version arguments
     */
    default List<String> versionArgs() {
        return List.of("--version");
    }

    /**
     * Builds the command for one run. Never returns {@code null}; must not start anything.
     *
     * @param invocation the run's facts
     * @return the command
     */
    AgentCommand command(AgentInvocation invocation);

    /**
     * Reads a finished run: success, or which failure class, plus usage figures.
     *
     * @param invocation the run's facts
     * @param output what the process produced
     * @return the outcome
     */
    AgentOutcome interpret(AgentInvocation invocation, AgentRunOutput output);
}
