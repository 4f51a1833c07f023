package dev.speckitty.orchestrator.client.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.support.Calls;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.support.Envelopes;
import dev.speckitty.orchestrator.client.support.ExpectedErrors;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error code, current (with message) and legacy (structured data without message), through the client. */
class ErrorMappingTest {
    /** Every code the contract names (section 8 and the legacy lists). */
    private static final List<String> CONTRACT_CODES = List.of("USAGE_ERROR", "POLICY_METADATA_REQUIRED",
            "POLICY_VALIDATION_FAILED", "CONTRACT_VERSION_MISMATCH", "MISSION_NOT_FOUND", "STATUS_READ_PATH_NOT_FOUND",
            "WP_NOT_FOUND", "DEPENDENCIES_NOT_SATISFIED", "LANE_ALLOCATION_FAILED", "WP_ALREADY_CLAIMED",
            "TRANSITION_REJECTED", "HISTORY_COMMIT_FAILED", "MISSION_NOT_READY", "WORKFLOW_EVIDENCE_REQUIRED",
            "UNSUPPORTED_STRATEGY", "PREFLIGHT_FAILED", "SAFE_COMMIT_BACKSTOP", "SAFE_COMMIT_DESTINATION_NOT_FOUND",
            "SAFE_COMMIT_DESTINATION_REF_SHAPE", "SAFE_COMMIT_EMPTY_CHANGESET", "SAFE_COMMIT_GENERIC",
            "SAFE_COMMIT_HEAD_MISMATCH", "SAFE_COMMIT_NOT_A_WORKTREE", "SAFE_COMMIT_PROTECTED_BRANCH",
            "SAFE_COMMIT_PATH_POLICY", "SAFE_COMMIT_RECOVERY_FAILED", "PLACEMENT_RESOLUTION_REQUIRED",
            "MISSION_AMBIGUOUS_SELECTOR", "FEATURE_NOT_FOUND", "FEATURE_NOT_READY", "MERGE_FAILED", "PUSH_FAILED");

    static Stream<Arguments> codes() {
        return Stream.concat(
                Arrays.stream(ErrorCode.values()).flatMap(c -> Stream.of(
                        Arguments.of(c.name(), c, true), Arguments.of(c.name(), c, false))),
                Stream.of(Arguments.of("FLUX_CAPACITOR_OVERLOAD", ErrorCode.UNKNOWN, true),
                        Arguments.of("FLUX_CAPACITOR_OVERLOAD", ErrorCode.UNKNOWN, false)));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} message={2}")
    @MethodSource("codes")
    void mapsEveryCode(String wire, ErrorCode expected, boolean withMessage) {
        String data = withMessage
                ? "{\"mission_slug\": \"m\", \"wp_id\": \"WP01\", \"items\": [\"a\", 1, null], \"message\": \"why " + wire
                        + "\"}"
                : "{\"mission_slug\": \"m\", \"wp_id\": \"WP01\", \"items\": [\"a\", 1, null]}";
        boolean parser = wire.equals("USAGE_ERROR");
        String command = parser ? "orchestrator-api.unknown" : "orchestrator-api.transition";
        int exit = parser ? 2 : 1;
        String env = Envelopes.envelope("1.3.0", command, false, wire, data);
        CannedTransport t = CannedTransport.always(exit, env + "\n", "a warning on stderr\n");
        HostErrorException e;
        try (OrchestratorClient c = OrchestratorClient.builder().transport(t).assumeContractVersion("1.3.0").build()) {
            e = catchThrowableOfType(HostErrorException.class, () -> Calls.invoke(c, "transition"));
        }
        assertThat(e).isNotNull().isExactlyInstanceOf(ExpectedErrors.classFor(wire));
        assertThat(e.errorCode()).isEqualTo(expected);
        assertThat(e.category()).isEqualTo(expected.category());
        assertThat(e.errorCodeAsString()).isEqualTo(wire);
        assertThat(e.command()).isEqualTo(command);
        assertThat(e.correlationId()).isEqualTo(Envelopes.CORRELATION);
        assertThat(e.contractVersion()).isEqualTo("1.3.0");
        assertThat(e.exitCode()).isEqualTo(exit);
        assertThat(e.data()).containsEntry("mission_slug", "m").containsEntry("wp_id", "WP01");
        assertThat((List<Object>) e.data().get("items")).containsExactly("a", 1L, null);
        assertThat(e.dataString("wp_id")).contains("WP01");
        assertThat(e.dataString("items")).isEmpty();
        if (withMessage) {
            assertThat(e.hostMessage()).contains("why " + wire);
            assertThat(e.data()).containsEntry("message", "why " + wire);
            assertThat(e.getMessage()).contains("why " + wire);
        } else {
            assertThat(e.hostMessage()).isEmpty();
            assertThat(e.data()).doesNotContainKey("message");
            assertThat(e.getMessage()).contains("no message");
        }
        assertThat(e.getMessage()).contains(wire).contains(Envelopes.CORRELATION);
        assertThat(e).isInstanceOf(OrchestratorException.class).isNotInstanceOf(ClientSideException.class);
    }

    @Test
    void enumCoversEveryCodeOfTheContract() {
        assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name)).containsAll(CONTRACT_CODES);
        for (String code : CONTRACT_CODES) {
            assertThat(ErrorCode.fromWire(code).name()).isEqualTo(code);
        }
        assertThat(ErrorCode.fromWire(null)).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ErrorCode.fromWire("usage_error")).as("codes are case-sensitive").isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void retryGuidanceOfSection8() {
        Map<ErrorCode, Boolean> stateDependent = Map.ofEntries(
                Map.entry(ErrorCode.WP_ALREADY_CLAIMED, true), Map.entry(ErrorCode.TRANSITION_REJECTED, true),
                Map.entry(ErrorCode.DEPENDENCIES_NOT_SATISFIED, true), Map.entry(ErrorCode.LANE_ALLOCATION_FAILED, true),
                Map.entry(ErrorCode.PREFLIGHT_FAILED, true), Map.entry(ErrorCode.USAGE_ERROR, false),
                Map.entry(ErrorCode.POLICY_METADATA_REQUIRED, false), Map.entry(ErrorCode.POLICY_VALIDATION_FAILED, false),
                Map.entry(ErrorCode.CONTRACT_VERSION_MISMATCH, false), Map.entry(ErrorCode.UNSUPPORTED_STRATEGY, false),
                Map.entry(ErrorCode.MISSION_NOT_FOUND, false), Map.entry(ErrorCode.WP_NOT_FOUND, false),
                Map.entry(ErrorCode.FEATURE_NOT_FOUND, false), Map.entry(ErrorCode.STATUS_READ_PATH_NOT_FOUND, false),
                Map.entry(ErrorCode.UNKNOWN, false));
        stateDependent.forEach((code, expected) ->
                assertThat(code.isStateDependent()).as(code.name()).isEqualTo(expected));
    }

    @Test
    void missingErrorCodeOnAFailureEnvelopeIsUnknown() {
        String env = Envelopes.envelope("1.3.0", "orchestrator-api.transition", false, null, "{}");
        try (OrchestratorClient c = OrchestratorClient.builder().transport(CannedTransport.always(1, env, ""))
                .assumeContractVersion("1.3.0").build()) {
            HostErrorException e = catchThrowableOfType(HostErrorException.class, () -> Calls.invoke(c, "transition"));
            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN);
            assertThat(e.data()).isEmpty();
            assertThat(e.hostMessage()).isEmpty();
        }
    }
}
