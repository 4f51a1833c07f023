package dev.speckitty.orchestrator.core.strategy;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.FailureContext;
import dev.speckitty.orchestrator.core.spi.FailurePhase;
import dev.speckitty.orchestrator.core.spi.RetryDecision;
import dev.speckitty.orchestrator.core.spi.RetryPolicy;
import java.time.Duration;
import java.util.Set;

/** Factories of {@link RetryPolicy}s. */
public final class RetryPolicies {
    /** Host codes worth retrying as they are (git lock and commit contention, the first-claim race). */
    static final Set<String> TRANSIENT_HOST_CODES = Set.of(
            "LANE_ALLOCATION_FAILED", "HISTORY_COMMIT_FAILED", "SAFE_COMMIT_BACKSTOP", "SAFE_COMMIT_GENERIC",
            "SAFE_COMMIT_HEAD_MISMATCH", "SAFE_COMMIT_RECOVERY_FAILED", "SAFE_COMMIT_EMPTY_CHANGESET");

    /** Host codes meaning "someone else owns it / not yet": change nothing and report. */
    static final Set<String> LEAVE_HOST_CODES = Set.of("WP_ALREADY_CLAIMED", "DEPENDENCIES_NOT_SATISFIED",
            "MISSION_NOT_READY", "PREFLIGHT_FAILED", "WORKFLOW_EVIDENCE_REQUIRED", "UNSUPPORTED_STRATEGY");

    private RetryPolicies() {}

    /**
     * Returns the standard policy.
     *
     * <ul>
     *   <li>Agent failures: {@code AUTH} and {@code MISSING_BINARY} fall back at once (retrying cannot help);
     *       {@code TIMEOUT}, {@code CRASH}, {@code NO_OUTPUT}, an empty result and a refused hand-off are retried with
     *       exponential back-off up to {@code maxAttemptsPerAgent} runs per agent, {@code RATE_LIMIT} likewise with a
     *       four times longer back-off; then fall back; with no agent left, block.
     *   <li>Host codes: transient ones ({@code LANE_ALLOCATION_FAILED}, {@code HISTORY_COMMIT_FAILED},
     *       {@code SAFE_COMMIT_*}) and unknown outcomes (timeout, no envelope) are retried with back-off up to
     *       {@code maxAttemptsPerAgent + 1} times; ownership and readiness codes ({@code WP_ALREADY_CLAIMED},
     *       {@code DEPENDENCIES_NOT_SATISFIED}, finish refusals) leave the WP; anything else blocks it when it sits in
     *       a lane the engine owns, and leaves it otherwise.
     * </ul>
     *
     * @param maxAttemptsPerAgent runs per agent before falling back, at least 1
     * @param initialBackoff first delay
     * @param maxBackoff delay cap
     * @return the policy
     */
    public static RetryPolicy standard(int maxAttemptsPerAgent, Duration initialBackoff, Duration maxBackoff) {
        if (maxAttemptsPerAgent < 1) {
            throw new IllegalArgumentException("maxAttemptsPerAgent must be at least 1");
        }
        return ctx -> decide(ctx, maxAttemptsPerAgent, initialBackoff, maxBackoff);
    }

    /**
     * Returns a policy that never retries: it falls back when an agent is left, else blocks (host failures leave the
     * WP when it was not ours yet).
     *
     * @return the policy
     */
    public static RetryPolicy never() {
        return ctx -> {
            if (ctx.hostErrorCode().isPresent() || ctx.hostOutcomeUnknown()) {
                return ctx.phase() == FailurePhase.CLAIM || ctx.phase() == FailurePhase.FINISH
                        ? RetryDecision.leave(reason(ctx))
                        : RetryDecision.block(reason(ctx));
            }
            return ctx.fallbackAvailable() ? RetryDecision.fallback(reason(ctx)) : RetryDecision.block(reason(ctx));
        };
    }

    static Duration backoff(Duration initial, Duration max, int failures, int factor) {
        long millis = initial.toMillis() * factor;
        for (int i = 1; i < failures && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    private static RetryDecision decide(FailureContext ctx, int max, Duration initial, Duration cap) {
        String why = reason(ctx);
        if (ctx.hostErrorCode().isPresent() || ctx.hostOutcomeUnknown()) {
            String code = ctx.hostErrorCode().orElse("");
            if (ctx.hostOutcomeUnknown() || TRANSIENT_HOST_CODES.contains(code)
                    || code.startsWith("SAFE_COMMIT_") && !code.equals("SAFE_COMMIT_PROTECTED_BRANCH")) {
                if (ctx.failuresWithAgent() <= max) {
                    return RetryDecision.retry(backoff(initial, cap, ctx.failuresWithAgent(), 1), why);
                }
                return ownedLane(ctx) ? RetryDecision.block(why) : RetryDecision.leave(why);
            }
            if (LEAVE_HOST_CODES.contains(code)) {
                return RetryDecision.leave(why);
            }
            if (code.equals("TRANSITION_REJECTED") && ctx.phase() == FailurePhase.HANDOFF) {
                return agentLike(ctx, max, initial, cap, why, 1);
            }
            return ownedLane(ctx) ? RetryDecision.block(why) : RetryDecision.leave(why);
        }
        AgentFailure f = ctx.agentFailure().orElse(null);
        if (f == AgentFailure.AUTH || f == AgentFailure.MISSING_BINARY) {
            return ctx.fallbackAvailable() ? RetryDecision.fallback(why) : RetryDecision.block(why);
        }
        return agentLike(ctx, max, initial, cap, why, f == AgentFailure.RATE_LIMIT ? 4 : 1);
    }

    private static RetryDecision agentLike(FailureContext ctx, int max, Duration initial, Duration cap, String why,
            int factor) {
        if (ctx.failuresWithAgent() < max) {
            return RetryDecision.retry(backoff(initial, cap, ctx.failuresWithAgent(), factor), why);
        }
        return ctx.fallbackAvailable() ? RetryDecision.fallback(why) : RetryDecision.block(why);
    }

    /** Phases in which the WP sits in a lane this run moved it to (so blocking it is ours to do). */
    private static boolean ownedLane(FailureContext ctx) {
        return ctx.phase() != FailurePhase.CLAIM && ctx.phase() != FailurePhase.FINISH;
    }

    private static String reason(FailureContext ctx) {
        StringBuilder sb = new StringBuilder();
        sb.append(ctx.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(" failed");
        ctx.agent().ifPresent(a -> sb.append(" (agent ").append(a).append(')'));
        ctx.agentFailure().ifPresent(f -> sb.append(": ").append(f.name().toLowerCase(java.util.Locale.ROOT)));
        ctx.hostErrorCode().ifPresent(c -> sb.append(": ").append(c));
        if (ctx.hostOutcomeUnknown()) {
            sb.append(": host outcome unknown");
        }
        if (ctx.emptyResult()) {
            sb.append(": no changes");
        }
        if (!ctx.message().isBlank()) {
            sb.append(" - ").append(ctx.message());
        }
        return sb.toString();
    }
}
