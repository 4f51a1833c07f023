package dev.speckitty.orchestrator.core;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The outcome of the finish phase ({@code accept-mission}, {@code merge-mission}) when it was asked for. */
@Value.Immutable
public interface FinishReport {
    /**
     * Tells whether {@code accept-mission} was attempted.
     *
     * @return whether acceptance was attempted
     */
    boolean acceptAttempted();

    /**
     * Tells whether the mission was accepted.
     *
     * @return whether accepted
     */
    boolean accepted();

    /**
     * Tells whether {@code merge-mission} was attempted.
     *
     * @return whether a merge was attempted
     */
    boolean mergeAttempted();

    /**
     * Tells whether the mission was merged.
     *
     * @return whether merged
     */
    boolean merged();

    /**
     * Returns the merge target the host used.
     *
     * @return the target, if merged
     */
    Optional<String> mergeTarget();

    /**
     * Returns the host's error code of a refusal (e.g. {@code PREFLIGHT_FAILED}, {@code MISSION_NOT_READY}).
     *
     * @return the code, if refused
     */
    Optional<String> errorCode();

    /**
     * Returns the host's message and, for {@code PREFLIGHT_FAILED}, each entry of its {@code errors} list.
     *
     * @return the messages
     */
    List<String> messages();

    /**
     * Tells whether the host's answer to the finish command that failed was lost (a crash without an envelope, a
     * timeout, garbage), so that whether it had its effect is unknown. {@code accept-mission} is sent again in that
     * case (repeating it only re-records the acceptance); {@code merge-mission} is not, because the contract leaves a
     * repeated merge unspecified: the messages then say to look at the target branch before merging again.
     *
     * @return whether the outcome of the failed command is unknown; {@code false} for a host refusal or no failure
     */
    @Value.Default
    default boolean outcomeUnknown() {
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

    /** Builder for {@link FinishReport}. */
    final class Builder extends ImmutableFinishReport.Builder {}
}
