package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the per-agent configuration the engine has no option for: the agent's own environment variables and its
 * per-role timeout (carried to {@link PerAgentTimeoutLauncher} in {@link #TIMEOUT_VARIABLE}).
 */
final class ConfiguredAgent implements AgentAdapter {
    /** Carries the per-agent timeout from the adapter to the launcher (seconds). */
    static final String TIMEOUT_VARIABLE = "SPEC_KITTY_AGENT_TIMEOUT_SECONDS";

    private final AgentAdapter delegate;
    private final Map<String, String> env;
    private final Optional<Duration> implementationTimeout;
    private final Optional<Duration> reviewTimeout;

    ConfiguredAgent(AgentAdapter delegate, CliSettings.AgentSettings settings) {
        this.delegate = delegate;
        this.env = settings.env();
        this.implementationTimeout = settings.implementationTimeout();
        this.reviewTimeout = settings.reviewTimeout();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String executable() {
        return delegate.executable();
    }

    @Override
    public List<String> versionArgs() {
        return delegate.versionArgs();
    }

    @Override
    public AgentCommand command(AgentInvocation invocation) {
        AgentCommand c = delegate.command(invocation);
        Optional<Duration> timeout = invocation.role() == AgentRole.REVIEWER ? reviewTimeout : implementationTimeout;
        if (env.isEmpty() && timeout.isEmpty()) {
            return c;
        }
        AgentCommand.Builder b = AgentCommand.builder().from(c);
        env.forEach((k, v) -> {
            if (!c.environment().containsKey(k)) {
                b.putEnvironment(k, v);
            }
        });
        timeout.ifPresent(t -> b.putEnvironment(TIMEOUT_VARIABLE, Long.toString(t.toSeconds())));
        return b.build();
    }

    @Override
    public AgentOutcome interpret(AgentInvocation invocation, AgentRunOutput output) {
        return delegate.interpret(invocation, output);
    }

    @Override
    public String toString() {
        return "configured " + delegate;
    }
}
