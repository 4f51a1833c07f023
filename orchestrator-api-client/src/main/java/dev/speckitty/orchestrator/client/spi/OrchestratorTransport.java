package dev.speckitty.orchestrator.client.spi;

/**
 * How the client reaches a host: one method that runs one subcommand and returns its raw output.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>thread-safe: the client calls {@link #execute} concurrently for different work packages;
 *   <li>a dumb pipe: never interpret the envelope, never retry;
 *   <li>honour {@link TransportRequest#timeout()} on every call and leave nothing running after it expires;
 *   <li>report only "could not run" failures, as
 *       {@link dev.speckitty.orchestrator.client.error.HostNotFoundException},
 *       {@link dev.speckitty.orchestrator.client.error.HostTimeoutException} or
 *       {@link dev.speckitty.orchestrator.client.error.TransportFailureException}; a host failure envelope is a
 *       normal response.
 * </ul>
 *
 * <pre>{@code
 * OrchestratorTransport recording = request -> {
 *     TransportResponse response = delegate.execute(request);
 *     log.add(request.command() + " -> " + response.exitCode());
 *     return response;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface OrchestratorTransport extends AutoCloseable {
    /**
     * Runs one subcommand.
     *
     * @param request what to run
     * @return the raw outcome, whatever the exit code
     * @throws dev.speckitty.orchestrator.client.error.HostNotFoundException when the host cannot be started
     * @throws dev.speckitty.orchestrator.client.error.HostTimeoutException when the timeout expired
     * @throws dev.speckitty.orchestrator.client.error.TransportFailureException on other I/O failures
     */
    TransportResponse execute(TransportRequest request);

    /**
     * Returns a short name for logs.
     *
     * @return the name
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases resources; the default does nothing. Never throws a checked exception. */
    @Override
    default void close() {}
}
