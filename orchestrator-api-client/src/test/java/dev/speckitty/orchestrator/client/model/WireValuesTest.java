package dev.speckitty.orchestrator.client.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lanes, strategies and verdicts on the wire (contract 6.1, 4.10, 6.6). */
class WireValuesTest {

    @ParameterizedTest
    @CsvSource({"planned, PLANNED", "claimed, CLAIMED", "in_progress, IN_PROGRESS", "doing, IN_PROGRESS",
        "' In_Progress ', IN_PROGRESS", "for_review, FOR_REVIEW", "in_review, IN_REVIEW", "approved, APPROVED",
        "done, DONE", "blocked, BLOCKED", "canceled, CANCELED", "genesis, GENESIS", "cancelled, UNKNOWN",
        "paused, UNKNOWN", "'', UNKNOWN"})
    void lanesFromWire(String wire, Lane lane) {
        assertThat(Lane.fromWire(wire)).isEqualTo(lane);
    }

    @Test
    void laneWireValuesRoundTripAndNullIsUnknown() {
        for (Lane lane : Lane.values()) {
            if (lane != Lane.UNKNOWN) {
                assertThat(Lane.fromWire(lane.wireValue())).isEqualTo(lane);
            }
        }
        assertThat(Lane.fromWire(null)).isEqualTo(Lane.UNKNOWN);
        assertThat(Arrays.stream(Lane.values()).filter(Lane::satisfiesDependents))
                .containsExactly(Lane.APPROVED, Lane.DONE);
        assertThat(Arrays.stream(Lane.values()).filter(Lane::requiresPolicy))
                .containsExactly(Lane.CLAIMED, Lane.IN_PROGRESS, Lane.FOR_REVIEW, Lane.IN_REVIEW, Lane.APPROVED);
    }

    @Test
    void strategiesAndVerdictsAreCaseSensitive() {
        assertThat(MergeStrategy.fromWire("squash")).isEqualTo(MergeStrategy.SQUASH);
        assertThat(MergeStrategy.fromWire("Squash")).isEqualTo(MergeStrategy.UNKNOWN);
        assertThat(MergeStrategy.fromWire(null)).isEqualTo(MergeStrategy.UNKNOWN);
        assertThat(ReviewVerdict.fromWire("changes_requested")).isEqualTo(ReviewVerdict.CHANGES_REQUESTED);
        assertThat(ReviewVerdict.fromWire("maybe")).isEqualTo(ReviewVerdict.UNKNOWN);
        assertThat(Arrays.stream(MergeStrategy.values()).map(MergeStrategy::wireValue))
                .containsExactly("merge", "squash", "rebase", "unknown");
    }
}
