package dev.speckitty.orchestrator.testkit.agent;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A scenario rule: the behaviour for the runs it matches. An unset matcher matches everything; a run matches when
 * every set matcher equals its WP, role and attempt. Immutable.
 */
@Value.Immutable
public interface AgentRule {
    /**
     * Returns the WP id this rule is for.
     *
     * @return the WP id, or empty for any WP
     */
    Optional<String> wp();

    /**
     * Returns the role this rule is for.
     *
     * @return the role, or empty for both roles
     */
    Optional<ScriptedRole> role();

    /**
     * Returns the 1-based attempt (per role) this rule is for.
     *
     * @return the attempt, or empty for every attempt
     */
    Optional<Integer> attempt();

    /**
     * Returns the behaviour fields this rule sets.
     *
     * @return the behaviour
     */
    AgentBehavior behavior();

    /**
     * Tells whether this rule applies to a run.
     *
     * @param wpId the run's WP
     * @param runRole the run's role
     * @param runAttempt the run's attempt
     * @return whether every set matcher matches
     */
    default boolean matches(String wpId, ScriptedRole runRole, int runAttempt) {
        return wp().map(w -> w.equals(wpId)).orElse(true)
                && role().map(r -> r == runRole).orElse(true)
                && attempt().map(a -> a == runAttempt).orElse(true);
    }

    /** Rejects an attempt below 1. */
    @Value.Check
    default void check() {
        attempt().filter(a -> a < 1).ifPresent(a -> {
            throw new IllegalArgumentException("attempt must be at least 1 (attempts are 1-based), got " + a);
        });
    }

    /**
     * Creates a rule; null matchers match everything.
     *
     * @param wp the WP id or null
     * @param role the role or null
     * @param attempt the attempt or null
     * @param behavior the behaviour
     * @return the rule
     */
    static AgentRule of(String wp, ScriptedRole role, Integer attempt, AgentBehavior behavior) {
        return builder().wp(Optional.ofNullable(wp)).role(Optional.ofNullable(role))
                .attempt(Optional.ofNullable(attempt)).behavior(behavior).build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AgentRule}. */
    final class Builder extends ImmutableAgentRule.Builder {}
}
