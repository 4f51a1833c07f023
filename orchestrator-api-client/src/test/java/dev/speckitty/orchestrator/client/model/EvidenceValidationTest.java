package dev.speckitty.orchestrator.client.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed evidence cannot express the inputs that crash the host (transcript 109) or that it rejects. */
class EvidenceValidationTest {

    @Test
    void verificationNeedsASummaryAndAKnownResult() {
        assertThatThrownBy(() -> DoneEvidence.Verification.of("make test", "pass", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("summary");
        assertThatThrownBy(() -> DoneEvidence.Verification.of("make test", "passed", "ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass, fail or skip")
                .hasMessageContaining("'passed'");
    }

    @Test
    void repoNeedsRepoBranchAndCommit() {
        assertThatThrownBy(() -> DoneEvidence.Repo.of("shop", null, "abc", List.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("branch");
    }

    @Test
    void reviewNeedsReviewerReferenceAndARealVerdict() {
        assertThatThrownBy(() -> DoneEvidence.Review.of(" ", ReviewVerdict.APPROVED, "ref"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reviewer");
        assertThatThrownBy(() -> DoneEvidence.Review.of("r", ReviewVerdict.UNKNOWN, "ref"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APPROVED or CHANGES_REQUESTED");
        assertThatThrownBy(() -> ReviewResult.builder().reviewer("r").verdict(ReviewVerdict.APPROVED).reference("")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference");
    }
}
