package dev.speckitty.orchestrator.core.spi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts an agent process and waits for it: the one seam through which the engine spawns agents, so tests can
 * substitute it. Implementations must drain stdout and stderr concurrently, write them to the given log file, apply
 * the timeout by killing the whole process tree, and honour thread interruption the same way.
 */
public interface AgentLauncher {
    /**
     * Runs a command to completion.
     *
     * @param command what to run
     * @param workingDirectory where to run it
     * @param timeout the wall-clock limit
     * @param logFile where to keep the full stdout and stderr of the run
     * @return the captured output; {@link AgentRunOutput#binaryMissing()} when the executable cannot be started
     * @throws InterruptedException when the calling thread is interrupted (the process tree is killed first)
     */
    AgentRunOutput run(AgentCommand command, Path workingDirectory, Duration timeout, Path logFile)
            throws InterruptedException;
}
