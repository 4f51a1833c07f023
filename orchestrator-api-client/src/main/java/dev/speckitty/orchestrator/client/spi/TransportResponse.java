package dev.speckitty.orchestrator.client.spi;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * The raw outcome of one call: exit code, captured stdout and stderr (size-capped) and the elapsed time. The
 * transport never interprets it; the client finds and decodes the envelope.
 */
@Value.Immutable
public interface TransportResponse {
    /**
     * Returns the process exit code (0 success, 1 command failure, 2 usage error, 4–6 schema gate).
     *
     * @return the exit code
     */
    int exitCode();

    /**
     * Returns stdout as UTF-8 text (malformed bytes replaced), truncated at the transport's cap.
     *
     * @return stdout
     */
    String stdout();

    /**
     * Returns stderr as UTF-8 text, truncated at the transport's cap.
     *
     * @return stderr
     */
    String stderr();

    /**
     * Returns how long the call took.
     *
     * @return the elapsed time
     */
    @Value.Default
    default Duration elapsed() {
        return Duration.ZERO;
    }

    /**
     * Tells whether stdout was cut at the cap.
     *
     * @return whether stdout was truncated
     */
    @Value.Default
    default boolean stdoutTruncated() {
        return false;
    }

    /**
     * Tells whether stderr was cut at the cap.
     *
     * @return whether stderr was truncated
     */
    @Value.Default
    default boolean stderrTruncated() {
        return false;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a response.
     *
     * @param exitCode the exit code
     * @param stdout stdout
     * @param stderr stderr
     * @return the response
     */
    static TransportResponse of(int exitCode, String stdout, String stderr) {
        return builder().exitCode(exitCode).stdout(stdout).stderr(stderr).build();
    }

    /** Builder for {@link TransportResponse}. */
    final class Builder extends ImmutableTransportResponse.Builder {}
}
