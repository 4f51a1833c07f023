package dev.speckitty.orchestrator.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.FailureContext;
import dev.speckitty.orchestrator.core.spi.FailurePhase;
import dev.speckitty.orchestrator.core.spi.RetryDecision;
import dev.speckitty.orchestrator.core.spi.RetryDecision.Action;
import dev.speckitty.orchestrator.core.spi.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPoliciesTest {
    private final RetryPolicy policy = RetryPolicies.standard(3, Duration.ofSeconds(2), Duration.ofSeconds(30));

    private static FailureContext.Builder agent(AgentFailure f, int n, boolean fallback) {
        return FailureContext.builder().wpId("WP01").phase(FailurePhase.IMPLEMENTATION).agentFailure(f)
                .agent("claude-code").failuresWithAgent(n).fallbackAvailable(fallback);
    }

    @Test
    void crashesAreRetriedWithExponentialBackoffThenFallBackThenBlock() {
        RetryDecision first = policy.decide(agent(AgentFailure.CRASH, 1, true).build());
        RetryDecision second = policy.decide(agent(AgentFailure.CRASH, 2, true).build());
        assertThat(first.action()).isEqualTo(Action.RETRY);
        assertThat(first.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.decide(agent(AgentFailure.CRASH, 3, true).build()).action()).isEqualTo(Action.FALLBACK);
        assertThat(policy.decide(agent(AgentFailure.CRASH, 3, false).build()).action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void authAndMissingBinaryFallBackAtOnce() {
        assertThat(policy.decide(agent(AgentFailure.AUTH, 1, true).build()).action()).isEqualTo(Action.FALLBACK);
        assertThat(policy.decide(agent(AgentFailure.MISSING_BINARY, 1, false).build()).action())
                .isEqualTo(Action.BLOCK);
    }

    @Test
    void rateLimitsBackOffLongerAndAreCapped() {
        assertThat(policy.decide(agent(AgentFailure.RATE_LIMIT, 1, true).build()).delay())
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.decide(agent(AgentFailure.RATE_LIMIT, 2, true).build()).delay())
                .isEqualTo(Duration.ofSeconds(16));
        assertThat(RetryPolicies.backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 10, 4))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void hostCodesDecideByCategory() {
        FailureContext.Builder host = FailureContext.builder().wpId("WP01").phase(FailurePhase.CLAIM);
        assertThat(policy.decide(host.hostErrorCode("LANE_ALLOCATION_FAILED").failuresWithAgent(1).build()).action())
                .isEqualTo(Action.RETRY);
        assertThat(policy.decide(host.hostErrorCode("LANE_ALLOCATION_FAILED").failuresWithAgent(4).build()).action())
                .isEqualTo(Action.LEAVE);
        assertThat(policy.decide(host.hostErrorCode("WP_ALREADY_CLAIMED").failuresWithAgent(1).build()).action())
                .isEqualTo(Action.LEAVE);
        assertThat(policy.decide(host.hostErrorCode("POLICY_VALIDATION_FAILED").build()).action())
                .isEqualTo(Action.LEAVE);
        FailureContext decision = FailureContext.builder().wpId("WP01").phase(FailurePhase.DECISION)
                .hostErrorCode("TRANSITION_REJECTED").build();
        assertThat(policy.decide(decision).action()).isEqualTo(Action.BLOCK);
        FailureContext unknown = FailureContext.builder().wpId("WP01").phase(FailurePhase.DECISION)
                .hostOutcomeUnknown(true).failuresWithAgent(1).build();
        assertThat(policy.decide(unknown).action()).isEqualTo(Action.RETRY);
        assertThat(policy.decide(FailureContext.builder().wpId("WP01").phase(FailurePhase.HANDOFF)
                .hostErrorCode("HISTORY_COMMIT_FAILED").build()).action()).isEqualTo(Action.RETRY);
    }

    @Test
    void refusedHandOffIsTreatedLikeAnImplementationFailure() {
        FailureContext handoff = FailureContext.builder().wpId("WP01").phase(FailurePhase.HANDOFF)
                .hostErrorCode("TRANSITION_REJECTED").agent("codex").failuresWithAgent(1).build();
        assertThat(policy.decide(handoff).action()).isEqualTo(Action.RETRY);
    }

    @Test
    void neverRetries() {
        RetryPolicy never = RetryPolicies.never();
        assertThat(never.decide(agent(AgentFailure.CRASH, 1, true).build()).action()).isEqualTo(Action.FALLBACK);
        assertThat(never.decide(agent(AgentFailure.CRASH, 1, false).build()).action()).isEqualTo(Action.BLOCK);
    }
}
