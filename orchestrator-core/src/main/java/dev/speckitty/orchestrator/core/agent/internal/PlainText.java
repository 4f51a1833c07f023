package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.Optional;

/** Output of CLIs that print only their final answer as text: the whole stdout is the final message. */
final class PlainText {
    private PlainText() {}

    static CliAgent.Parsed parse(AgentRunOutput out) {
        String text = out.stdout().strip();
        if (text.isEmpty()) {
            return CliAgent.Parsed.NONE;
        }
        return new CliAgent.Parsed(true, Optional.of(text), Optional.empty(), Optional.empty());
    }
}
