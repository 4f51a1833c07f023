package dev.speckitty.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.error.ErrorCategory;
import dev.speckitty.orchestrator.client.error.ErrorCode;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MergeStrategy;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.support.Calls;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.support.Envelopes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Tolerance for what hosts of any era may send: unknown keys and values, odd line endings, noise around. */
class DecodingLeniencyTest {
    private static final String STATE = "{\"mission_slug\": \"042-payments\", \"mission_number\": 42, "
            + "\"mission_type\": \"software-dev\", \"brand_new_key\": {\"x\": [1, 2]}, \"summary\": {\"planned\": 1, "
            + "\"paused\": 2, \"weird\": \"n/a\"}, \"work_packages\": [{\"wp_id\": \"WP01\", \"lane\": \"paused\", "
            + "\"dependencies\": [], \"last_actor\": null, \"eta\": 5}, {\"wp_id\": \"WP02\", \"lane\": \"doing\", "
            + "\"dependencies\": [\"WP01\"], \"last_actor\": \"x\"}]}";

    private static OrchestratorClient client(CannedTransport t) {
        return OrchestratorClient.builder().transport(t).assumeContractVersion("1.3.0").build();
    }

    @Test
    void unknownKeysAreIgnoredAndUnknownLanesSurviveWithTheirRawString() {
        String env = "{\"contract_version\": \"1.3.0\", \"command\": \"orchestrator-api.mission-state\", "
                + "\"timestamp\": \"2026-11-25T04:29:43+00:00\", \"correlation_id\": \"corr-1\", \"success\": true, "
                + "\"error_code\": null, \"trace\": {\"span\": 1}, \"data\": " + STATE + "}";
        try (OrchestratorClient c = client(CannedTransport.always(0, env + "\n", ""))) {
            MissionStateResult r = c.missionState("042-payments");
            assertThat(r.metadata().timestamp()).isEqualTo(OffsetDateTime.of(2026, 11, 25, 4, 29, 43, 0, ZoneOffset.UTC));
            assertThat(r.identity().missionNumber()).contains("42");
            assertThat(r.summary()).containsExactly(org.assertj.core.api.Assertions.entry("planned", 1),
                    org.assertj.core.api.Assertions.entry("paused", 2));
            assertThat(r.workPackages().get(0).lane()).isEqualTo(Lane.UNKNOWN);
            assertThat(r.workPackages().get(0).laneAsString()).isEqualTo("paused");
            assertThat(r.workPackages().get(1).lane()).isEqualTo(Lane.IN_PROGRESS); // 'doing' alias
            assertThat(r.workPackages().get(1).lastActor()).contains("x");
        }
    }

    @Test
    void unknownMergeStrategySurvivesAsUnknownWithRawString() {
        String data = "{\"mission_slug\": \"m\", \"mission_number\": \"007\", \"merged\": true, "
                + "\"target_branch\": \"main\", \"strategy\": \"octopus\", \"worktree_removed\": false}";
        try (OrchestratorClient c = client(CannedTransport.succeeding("1.3.0", data))) {
            MergeMissionResult r = c.mergeMission(MergeMissionRequest.builder().mission("m").build());
            assertThat(r.strategy()).isEqualTo(MergeStrategy.UNKNOWN);
            assertThat(r.strategyAsString()).isEqualTo("octopus");
            assertThat(r.identity().missionNumber()).contains("007");
            assertThat(r.mergedWps()).isEmpty();
        }
    }

    @Test
    void unknownErrorCodeSurvivesAsUnknownWithRawString() {
        String env = Envelopes.failure("1.4.0", "start-review", "QUANTUM_FLUX", "{\"detail\": 3, \"message\": \"m\"}");
        try (OrchestratorClient c = client(CannedTransport.always(1, env + "\n", ""))) {
            assertThatThrownBy(() -> Calls.invoke(c, "start-review"))
                    .isExactlyInstanceOf(HostErrorException.class)
                    .satisfies(t -> {
                        HostErrorException e = (HostErrorException) t;
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN);
                        assertThat(e.category()).isEqualTo(ErrorCategory.UNKNOWN);
                        assertThat(e.errorCodeAsString()).isEqualTo("QUANTUM_FLUX");
                        assertThat(e.data()).containsEntry("detail", 3L);
                    });
        }
    }

    @Test
    void crlfOutputWithNoiseBeforeAndAfterDecodes() {
        String env = Envelopes.success("1.3.0", "start-review", "{\"mission_slug\": \"m\", \"wp_id\": \"WP01\", "
                + "\"from_lane\": \"for_review\", \"to_lane\": \"in_review\", \"prompt_path\": \"/p\", "
                + "\"policy_metadata_recorded\": true, \"no_op\": false}");
        String stdout = "Deleted branch a (was 1).\r\n{not json}\r\n" + env + "\r\nwarning: trailing line\r\n\r\n";
        try (OrchestratorClient c = client(CannedTransport.always(0, stdout, ""))) {
            StartReviewResult r = (StartReviewResult) Calls.invoke(c, "start-review");
            assertThat(r.toLane()).isEqualTo(Lane.IN_REVIEW);
            assertThat(r.metadata().correlationId()).isEqualTo(Envelopes.CORRELATION);
        }
    }

    @Test
    void envelopeWithoutTrailingNewlineAndOldMacLineEndingsDecodes() {
        String env = Envelopes.success("1.3.0", "mission-state", STATE);
        try (OrchestratorClient c = client(CannedTransport.always(0, "noise\r" + env, ""))) {
            assertThat(c.missionState("042-payments").workPackages()).hasSize(2);
        }
    }

    @Test
    void jsonThatIsNotAnEnvelopeIsNoEnvelope() {
        try (OrchestratorClient c = client(CannedTransport.always(0, "{\"hello\": 1}\n[1,2]\n", "warn"))) {
            assertThatThrownBy(() -> c.missionState("m")).isInstanceOf(NoEnvelopeException.class)
                    .hasMessageContaining("exited with code 0").hasMessageContaining("warn");
        }
    }

    @Test
    void unparsableTimestampDoesNotLoseThePayload() {
        String env = Envelopes.success("1.3.0", "mission-state", STATE).replace(Envelopes.TIMESTAMP, "yesterday");
        try (OrchestratorClient c = client(CannedTransport.always(0, env, ""))) {
            MissionStateResult r = c.missionState("042-payments");
            assertThat(r.workPackages()).hasSize(2);
            assertThat(r.metadata().timestamp().toInstant().getEpochSecond()).isZero();
        }
    }
}
