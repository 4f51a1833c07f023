package dev.speckitty.orchestrator.client.error;

import java.time.Duration;

/**
 * The host did not answer within the call's timeout; its process tree was killed. The call may or may not have
 * taken effect.
 */
public final class HostTimeoutException extends ClientSideException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param command the subcommand
     * @param timeout the timeout that expired
     */
    public HostTimeoutException(String command, Duration timeout) {
        super("orchestrator-api " + command + " did not finish within " + timeout.toMillis()
                + " ms and was killed; it may or may not have taken effect, so re-read the mission state before"
                + " retrying", null);
        this.command = command;
        this.timeout = timeout;
    }

    /**
     * Returns the subcommand that timed out.
     *
     * @return the subcommand
     */
    public String command() {
        return command;
    }

    /**
     * Returns the timeout that expired.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
