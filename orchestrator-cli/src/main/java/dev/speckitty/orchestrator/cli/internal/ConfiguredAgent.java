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
 * Applies the per-agent configuration the engine has no option for: the agent's own environment variables, its
 * per-role timeout (carried to {@link PerAgentTimeoutLauncher} in {@link #TIMEOUT_VARIABLE}) and its per-role
 * idle-output timeout (set on the command as {@link AgentCommand#idleTimeout()}, which the launcher honours per run;
 * without a per-agent value the configuration's {@code agents.idle_timeout_seconds}, when set, applies).
 */
final class ConfiguredAgent implements AgentAdapter {
    /** Carries the per-agent timeout from the adapter to the launcher (seconds). */
    static final String TIMEOUT_VARIABLE = "SPEC_KITTY_AGENT_TIMEOUT_SECONDS";

    private final AgentAdapter delegate;
    private final Map<String, String> env;
    private final Optional<Duration> implementationTimeout;
    private final Optional<Duration> reviewTimeout;
    private final Optional<Duration> implementationIdleTimeout;
    private final Optional<Duration> reviewIdleTimeout;

    ConfiguredAgent(AgentAdapter delegate, CliSettings.AgentSettings settings, Optional<Duration> defaultIdleTimeout) {
        this.delegate = delegate;
        this.env = settings.env();
        this.implementationTimeout = settings.implementationTimeout();
        this.reviewTimeout = settings.reviewTimeout();
        this.implementationIdleTimeout = settings.implementationIdleTimeout().or(() -> defaultIdleTimeout);
        this.reviewIdleTimeout = settings.reviewIdleTimeout().or(() -> defaultIdleTimeout);
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
        boolean reviewer = invocation.role() == AgentRole.REVIEWER;
        Optional<Duration> timeout = reviewer ? reviewTimeout : implementationTimeout;
        Optional<Duration> idle = reviewer ? reviewIdleTimeout : implementationIdleTimeout;
        if (env.isEmpty() && timeout.isEmpty() && (idle.isEmpty() || c.idleTimeout().isPresent())) {
            return c;
        }
        AgentCommand.Builder b = AgentCommand.builder().from(c);
        env.forEach((k, v) -> {
            if (!c.environment().containsKey(k)) {
                b.putEnvironment(k, v);
            }
        });
        timeout.ifPresent(t -> b.putEnvironment(TIMEOUT_VARIABLE, Long.toString(t.toSeconds())));
        if (c.idleTimeout().isEmpty()) {
            b.idleTimeout(idle);
        }
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
