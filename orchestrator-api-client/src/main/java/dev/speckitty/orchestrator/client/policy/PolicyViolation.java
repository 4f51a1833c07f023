package dev.speckitty.orchestrator.client.policy;

import org.immutables.value.Value;

/**
 * Why a policy would be refused: the offending field (its JSON path, e.g. {@code dangerous_flags[1]}) and the
 * message the host itself would print with {@code POLICY_VALIDATION_FAILED}.
 */
@Value.Immutable
public interface PolicyViolation {
    /**
     * Returns the JSON path of the offending field, or {@code ""} when the document as a whole is wrong.
     *
     * @return the field path
     */
    String field();

    /**
     * Returns the host's message for this violation, word for word.
     *
     * @return the message
     */
    String message();

    /**
     * Creates a violation.
     *
     * @param field the field path
     * @param message the host's message
     * @return the value
     */
    static PolicyViolation of(String field, String message) {
        return ImmutablePolicyViolation.builder().field(field).message(message).build();
    }
}
