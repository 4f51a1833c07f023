package dev.speckitty.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.AppendHistoryResult;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionResult;
import dev.speckitty.orchestrator.client.support.Calls;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.support.Contract;
import dev.speckitty.orchestrator.client.support.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JSON file in contract/fixtures decodes into the right result type or exception, field by field. */
class FixtureDecodingTest {
    private static final Map<String, Class<?>> RESULT_TYPES = Map.ofEntries(
            Map.entry("contract-version", ContractVersionResult.class),
            Map.entry("mission-state", MissionStateResult.class),
            Map.entry("feature-state", MissionStateResult.class),
            Map.entry("list-ready", ListReadyResult.class),
            Map.entry("resolve-workspace", ResolveWorkspaceResult.class),
            Map.entry("start-implementation", StartImplementationResult.class),
            Map.entry("start-review", StartReviewResult.class),
            Map.entry("transition", TransitionResult.class),
            Map.entry("append-history", AppendHistoryResult.class),
            Map.entry("accept-mission", AcceptMissionResult.class),
            Map.entry("accept-feature", AcceptMissionResult.class),
            Map.entry("merge-mission", MergeMissionResult.class),
            Map.entry("merge-feature", MergeMissionResult.class));

    static Stream<Path> fixtures() {
        return Contract.fixtures().stream();
    }

    /** Feature-era fixtures (host 1.x, 2.x, 3.0, 3.1.0a3) are spoken to in the feature vocabulary. */
    static boolean featureEra(Path file) {
        String n = file.getFileName().toString();
        return n.startsWith("legacy_v1.0") || n.startsWith("legacy_v3.0") || n.startsWith("legacy_v3.1.0a3");
    }

    static String command(JsonNode env) {
        return env.get("command").asText().substring("orchestrator-api.".length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodes(Path file) {
        JsonNode env = Results.json(Contract.read(file));
        String command = command(env);
        boolean success = env.get("success").asBoolean();
        int exit = !success && command.equals("unknown") ? 2 : success ? 0 : 1;
        // The host prints one compact line; the fixtures are pretty-printed for reading.
        CannedTransport transport = CannedTransport.always(exit, Results.compact(env) + "\n", "");
        OrchestratorClientBuilder b = OrchestratorClient.builder().transport(transport).projectRoot(Path.of("/p"));
        if (featureEra(file)) {
            b.vocabulary(Vocabulary.FEATURE).assumeContractVersion("1.0.0");
        } else {
            b.assumeContractVersion("1.3.0");
        }
        Object result;
        Throwable thrown;
        try (OrchestratorClient client = b.build()) {
            thrown = catchThrowable(() -> Calls.invoke(client, command));
            result = thrown == null ? Calls.invoke(client, command) : null;
        }
        if (success) {
            assertThat(thrown).as("success fixture must not throw").isNull();
            assertThat(result).isInstanceOf(RESULT_TYPES.get(command));
            Results.checkSuccess(result, env);
            // the client spoke the vocabulary the fixture's host speaks
            if (!command.equals("contract-version")) {
                assertThat(transport.requests()).extracting(r -> r.command()).containsOnly(command);
            }
        } else {
            assertThat(thrown).isInstanceOf(HostErrorException.class);
            Results.checkFailure((HostErrorException) thrown, env, exit);
        }
    }

    @Test
    void everyFixtureIsCovered() {
        assertThat(Contract.fixtures()).hasSizeGreaterThanOrEqualTo(79);
    }

    private static Object decode(String fixture, Vocabulary vocabulary, String contract, String command) {
        JsonNode env = Results.json(Contract.read(Contract.fixturesDir().resolve(fixture)));
        CannedTransport transport = CannedTransport.always(0, Results.compact(env) + "\n", "");
        try (OrchestratorClient client = OrchestratorClient.builder().transport(transport).vocabulary(vocabulary)
                .assumeContractVersion(contract).build()) {
            return Calls.invoke(client, command);
        }
    }

    @Test
    void spotChecksOfTheCurrentHostMissionState() {
        MissionStateResult r = (MissionStateResult) decode("host_mission_state_success.json", Vocabulary.AUTO, "1.3.0",
                "mission-state");
        assertThat(r.identity().missionSlug()).isEqualTo("checkout-flow-01KV8NPC");
        assertThat(r.identity().missionNumber()).isEmpty();
        assertThat(r.workPackages()).extracting(w -> w.wpId()).containsExactly("WP01", "WP02", "WP03");
        assertThat(r.workPackages()).extracting(w -> w.lane())
                .containsExactly(Lane.APPROVED, Lane.IN_PROGRESS, Lane.PLANNED);
        assertThat(r.summary()).containsKeys("planned", "claimed", "in_progress", "for_review", "in_review",
                "approved", "done", "blocked", "canceled");
    }

    @Test
    void missionNumberAsStringOn311AndIntegerOnCurrentHosts() {
        MissionStateResult legacy = (MissionStateResult) decode("legacy_v3.1.1_mission_state_success.json",
                Vocabulary.AUTO, "1.0.0", "mission-state");
        assertThat(legacy.identity().missionNumber()).contains("034");
        assertThat(legacy.identity().missionType()).isEqualTo("software-dev");
        StartImplementationResult current = (StartImplementationResult) decode(
                "host_start_implementation_nonlane_success.json", Vocabulary.AUTO, "1.3.0", "start-implementation");
        assertThat(current.identity().missionNumber()).contains("42");
        assertThat(current.lane()).isEmpty();
    }

    @Test
    void featureSlugPayloadsFillTheMissionSlug() {
        MissionStateResult v1 = (MissionStateResult) decode("legacy_v1.0_feature_state_success.json",
                Vocabulary.FEATURE, "1.0.0", "mission-state");
        assertThat(v1.identity().missionSlug()).isEqualTo("034-my-feature");
        assertThat(v1.summary()).containsEntry("total_work_packages", 3);
        assertThat(v1.workPackage("WP01")).get().satisfies(w -> assertThat(w.lastActor()).contains("reviewer-bot"));
        MergeMissionResult merge = (MergeMissionResult) decode("legacy_v3.0_merge_feature_success.json",
                Vocabulary.FEATURE, "1.0.0", "merge-mission");
        assertThat(merge.identity().missionSlug()).isNotBlank();
        assertThat(merge.mergedWps()).isNotEmpty();
        ListReadyResult ready = (ListReadyResult) decode("legacy_v3.0_list_ready_success.json", Vocabulary.FEATURE,
                "1.0.0", "list-ready");
        assertThat(ready.readyWorkPackages()).isNotEmpty();
    }

    @Test
    void laneFieldsArePresentOnlyForLaneWorkPackages() {
        ResolveWorkspaceResult lane = (ResolveWorkspaceResult) decode("host_resolve_workspace_lane_success.json",
                Vocabulary.AUTO, "1.3.0", "resolve-workspace");
        assertThat(lane.lane()).get().satisfies(l -> assertThat(l.laneId()).isEqualTo("lane-a"));
        ResolveWorkspaceResult nonLane = (ResolveWorkspaceResult) decode("host_resolve_workspace_nonlane_success.json",
                Vocabulary.AUTO, "1.3.0", "resolve-workspace");
        assertThat(nonLane.lane()).isEmpty();
        assertThat(List.of(lane.workspacePath(), nonLane.workspacePath())).allSatisfy(p -> assertThat(p).startsWith("/"));
    }
}
