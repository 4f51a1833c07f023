package dev.speckitty.orchestrator.client.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host answered with a real envelope whose {@code success} is {@code false}.
 *
 * <p>Carries the stable {@link #errorCode()} (with the raw string in {@link #errorCodeAsString()}), the envelope's
 * command, correlation id and contract version, the host's message (absent on hosts before 3.2.6rc3 for structured
 * errors) and the raw {@code data} object as plain Java values. Subclasses group the codes by
 * {@link ErrorCategory}; unknown codes use this class itself.
 */
public class HostErrorException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    private final transient Details details;

    /**
     * Creates the exception.
     *
     * @param details the envelope's details
     */
    public HostErrorException(Details details) {
        super(describe(details), null);
        this.details = details;
    }

    private static String describe(Details d) {
        String text = d.hostMessage() == null ? "(the host sent no message)" : d.hostMessage();
        return d.command() + " failed: " + text + " [error_code=" + d.errorCodeAsString() + ", correlation_id="
                + d.correlationId() + "]";
    }

    /**
     * Returns the decoded error code ({@link ErrorCode#UNKNOWN} for a code this client does not know).
     *
     * @return the code
     */
    public ErrorCode errorCode() {
        return ErrorCode.fromWire(details.errorCodeAsString());
    }

    /**
     * Returns the error code exactly as the host sent it.
     *
     * @return the raw code
     */
    public String errorCodeAsString() {
        return details.errorCodeAsString();
    }

    /**
     * Returns the category of the code.
     *
     * @return the category
     */
    public ErrorCategory category() {
        return errorCode().category();
    }

    /**
     * Returns the envelope's {@code command}, e.g. {@code orchestrator-api.transition}.
     *
     * @return the command echo
     */
    public String command() {
        return details.command();
    }

    /**
     * Returns the envelope's correlation id.
     *
     * @return the correlation id
     */
    public String correlationId() {
        return details.correlationId();
    }

    /**
     * Returns the host's contract version from the envelope.
     *
     * @return the contract version
     */
    public String contractVersion() {
        return details.contractVersion();
    }

    /**
     * Returns the host's human message ({@code data.message}), absent on older hosts for structured errors.
     *
     * @return the message, if the host sent one
     */
    public Optional<String> hostMessage() {
        return Optional.ofNullable(details.hostMessage());
    }

    /**
     * Returns the raw {@code data} object: strings, numbers, booleans, {@code null}s, lists and maps.
     *
     * @return an unmodifiable view, in the host's key order
     */
    public Map<String, Object> data() {
        return details.data();
    }

    /**
     * Returns the process exit code of the call (1, or 2 for parser-level usage errors).
     *
     * @return the exit code
     */
    public int exitCode() {
        return details.exitCode();
    }

    /**
     * Reads a string field of {@link #data()}.
     *
     * @param key the key
     * @return the value when present and a string
     */
    public Optional<String> dataString(String key) {
        Object v = details.data().get(key);
        return v instanceof String ? Optional.of((String) v) : Optional.empty();
    }

    /**
     * The facts of a failure envelope, as the client decoded them.
     */
    public static final class Details {
        private final String errorCodeAsString;
        private final String command;
        private final String correlationId;
        private final String contractVersion;
        private final String hostMessage;
        private final Map<String, Object> data;
        private final int exitCode;

        /**
         * Creates the details.
         *
         * @param errorCodeAsString the raw code
         * @param command the envelope's command
         * @param correlationId the correlation id
         * @param contractVersion the contract version
         * @param hostMessage the host's message or {@code null}
         * @param data the raw data object
         * @param exitCode the process exit code
         */
        public Details(String errorCodeAsString, String command, String correlationId, String contractVersion,
                String hostMessage, Map<String, Object> data, int exitCode) {
            this.errorCodeAsString = Objects.requireNonNull(errorCodeAsString, "errorCodeAsString");
            this.command = Objects.requireNonNull(command, "command");
            this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
            this.contractVersion = Objects.requireNonNull(contractVersion, "contractVersion");
            this.hostMessage = hostMessage;
            this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
            this.exitCode = exitCode;
        }

        String errorCodeAsString() {
            return errorCodeAsString;
        }

        String command() {
            return command;
        }

        String correlationId() {
            return correlationId;
        }

        String contractVersion() {
            return contractVersion;
        }

        String hostMessage() {
            return hostMessage;
        }

        Map<String, Object> data() {
            return data;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /**
     * Creates the exception of the right category subclass for the details' code.
     *
     * @param details the failure details
     * @return the exception to throw
     */
    public static HostErrorException of(Details details) {
        switch (ErrorCode.fromWire(details.errorCodeAsString()).category()) {
            case USAGE:
                return new UsageErrorException(details);
            case POLICY:
                return new PolicyRejectedException(details);
            case NOT_FOUND:
                return new NotFoundException(details);
            case STATE_CONFLICT:
                return new StateConflictException(details);
            case CONTRACT:
                return new ContractException(details);
            case REPOSITORY:
                return new RepositoryOperationException(details);
            default:
                return new HostErrorException(details);
        }
    }
}
