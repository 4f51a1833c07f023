package dev.speckitty.orchestrator.core.state;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Provider-local bookkeeping for one WP: attempts, review cycles, agents tried, claims and the last error. */
@Value.Immutable
public interface WorkPackageRecord {
    /**
     * Returns the WP id.
     *
     * @return the id
     */
    String wpId();

    /**
     * Returns every agent run, in start order.
     *
     * @return the attempts
     */
    List<AttemptRecord> attempts();

    /**
     * Returns every review verdict, in cycle order.
     *
     * @return the reviews
     */
    List<ReviewRecord> reviews();

    /**
     * Returns the implementation agents that were given up on (fallback moved past them).
     *
     * @return agent ids
     */
    List<String> implementationAgentsTried();

    /**
     * Returns the review agents that were given up on.
     *
     * @return agent ids
     */
    List<String> reviewAgentsTried();

    /**
     * Returns the review reference of a review this run claimed ({@code start-review}) and has not finished; used on
     * resume to recognise our own {@code in_review} WPs ({@code last_actor} is always null on real hosts).
     *
     * @return the open review claim, if any
     */
    Optional<String> openReviewRef();

    /**
     * Returns the last commit the engine made (or found) on the lane branch for this WP.
     *
     * @return the commit id, if any
     */
    Optional<String> lastCommit();

    /**
     * Returns the last error, one line, no secrets.
     *
     * @return the last error, if any
     */
    Optional<String> lastError();

    /**
     * Returns why the WP is quarantined (the engine will not drive it again until the operator clears it).
     *
     * @return the quarantine reason, if quarantined
     */
    Optional<String> quarantine();

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link WorkPackageRecord}. */
    final class Builder extends ImmutableWorkPackageRecord.Builder {}
}
