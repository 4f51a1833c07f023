package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.nio.file.Path;
import java.time.Duration;

/** Uses the per-agent timeout that {@link ConfiguredAgent} put on the command, else the engine's. */
final class PerAgentTimeoutLauncher implements AgentLauncher {
    private final AgentLauncher delegate;

    PerAgentTimeoutLauncher(AgentLauncher delegate) {
        this.delegate = delegate;
    }

    @Override
    public AgentRunOutput run(AgentCommand command, Path workingDirectory, Duration timeout, Path logFile)
            throws InterruptedException {
        String s = command.environment().get(ConfiguredAgent.TIMEOUT_VARIABLE);
        Duration effective = timeout;
        if (s != null) {
            try {
                effective = Duration.ofSeconds(Long.parseLong(s));
            } catch (NumberFormatException e) {
                // only ConfiguredAgent writes it, always as an integer
            }
        }
        return delegate.run(command, workingDirectory, effective, logFile);
    }
}
