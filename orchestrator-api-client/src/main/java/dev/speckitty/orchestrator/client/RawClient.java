package dev.speckitty.orchestrator.client;

import dev.speckitty.orchestrator.client.spi.TransportOption;
import java.util.List;

/**
 * The escape hatch: runs any {@code orchestrator-api} subcommand with any options and returns the decoded envelope
 * without throwing on {@code success: false}. No vocabulary translation and no version checks are applied. Uses the
 * client's call timeout, or its merge timeout for {@code merge-mission} and {@code merge-feature}.
 * Thread-safe.
 */
public interface RawClient {
    /**
     * Runs a subcommand.
     *
     * @param command the subcommand, e.g. {@code mission-state}
     * @param options the options in order
     * @return the envelope, successful or not
     * @throws dev.speckitty.orchestrator.client.error.ClientSideException when the host could not be run or printed
     *     no envelope
     */
    RawEnvelope execute(String command, List<TransportOption> options);

    /**
     * Runs a subcommand.
     *
     * @param command the subcommand
     * @param options the options in order
     * @return the envelope, successful or not
     * @throws dev.speckitty.orchestrator.client.error.ClientSideException when the host could not be run or printed
     *     no envelope
     */
    default RawEnvelope execute(String command, TransportOption... options) {
        return execute(command, List.of(options));
    }
}
