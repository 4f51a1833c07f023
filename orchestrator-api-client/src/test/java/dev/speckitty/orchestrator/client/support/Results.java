package dev.speckitty.orchestrator.client.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.AppendHistoryResult;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;
import dev.speckitty.orchestrator.client.model.HostResult;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.LaneAssignment;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MergeStrategy;
import dev.speckitty.orchestrator.client.model.MissionIdentity;
import dev.speckitty.orchestrator.client.model.MissionResult;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ReadyWorkPackage;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionResult;
import dev.speckitty.orchestrator.client.model.WorkPackageState;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a decoded result or host error field by field against the envelope JSON it came from. */
public final class Results {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Results() {}

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static void checkMetadata(HostResult r, JsonNode env) {
        assertThat(r.metadata().command()).isEqualTo(env.get("command").asText());
        assertThat(r.metadata().contractVersion()).isEqualTo(env.get("contract_version").asText());
        assertThat(r.metadata().correlationId()).isEqualTo(env.get("correlation_id").asText());
        assertThat(r.metadata().timestamp()).isEqualTo(OffsetDateTime.parse(env.get("timestamp").asText()));
    }

    public static void checkIdentity(MissionIdentity id, JsonNode d) {
        JsonNode slug = d.has("mission_slug") ? d.get("mission_slug") : d.get("feature_slug");
        assertThat(slug).as("fixture has a slug").isNotNull();
        assertThat(id.missionSlug()).isEqualTo(slug.asText());
        JsonNode number = d.path("mission_number");
        if (number.isNumber() || number.isTextual()) {
            assertThat(id.missionNumber()).contains(number.asText());
        } else {
            assertThat(id.missionNumber()).isEmpty();
        }
        assertThat(id.missionType()).isEqualTo(d.path("mission_type").asText(""));
    }

    /** Checks a success result of any command against the envelope. */
    public static void checkSuccess(Object result, JsonNode env) {
        JsonNode d = env.get("data");
        checkMetadata((HostResult) result, env);
        if (result instanceof MissionResult) {
            checkIdentity(((MissionResult) result).identity(), d);
        }
        if (result instanceof ContractVersionResult) {
            ContractVersionResult r = (ContractVersionResult) result;
            assertThat(r.apiVersion()).isEqualTo(d.get("api_version").asText());
            assertThat(r.minSupportedProviderVersion()).isEqualTo(d.get("min_supported_provider_version").asText());
        } else if (result instanceof MissionStateResult) {
            MissionStateResult r = (MissionStateResult) result;
            Map<String, Integer> summary = new LinkedHashMap<>();
            d.get("summary").fields().forEachRemaining(e -> summary.put(e.getKey(), e.getValue().intValue()));
            assertThat(r.summary()).containsExactlyEntriesOf(summary);
            JsonNode wps = d.get("work_packages");
            assertThat(r.workPackages()).hasSize(wps.size());
            for (int i = 0; i < wps.size(); i++) {
                WorkPackageState wp = r.workPackages().get(i);
                JsonNode w = wps.get(i);
                assertThat(wp.wpId()).isEqualTo(w.get("wp_id").asText());
                assertThat(wp.laneAsString()).isEqualTo(w.get("lane").asText());
                assertThat(wp.lane()).isNotEqualTo(Lane.UNKNOWN).isEqualTo(Lane.fromWire(w.get("lane").asText()));
                assertThat(wp.lane().wireValue()).isEqualTo(w.get("lane").asText());
                assertThat(wp.dependencies()).containsExactlyElementsOf(strings(w.get("dependencies")));
                assertThat(wp.lastActor()).isEqualTo(optText(w.get("last_actor")));
                assertThat(r.workPackage(wp.wpId())).contains(wp);
            }
        } else if (result instanceof ListReadyResult) {
            ListReadyResult r = (ListReadyResult) result;
            JsonNode wps = d.get("ready_work_packages");
            assertThat(r.readyWorkPackages()).hasSize(wps.size());
            for (int i = 0; i < wps.size(); i++) {
                ReadyWorkPackage wp = r.readyWorkPackages().get(i);
                JsonNode w = wps.get(i);
                assertThat(wp.wpId()).isEqualTo(w.get("wp_id").asText());
                assertThat(wp.laneAsString()).isEqualTo(w.get("lane").asText());
                assertThat(wp.lane()).isEqualTo(Lane.PLANNED);
                assertThat(wp.dependenciesSatisfied()).isEqualTo(w.get("dependencies_satisfied").asBoolean());
                assertThat(wp.recommendedBase()).isEqualTo(optText(w.get("recommended_base")));
            }
        } else if (result instanceof ResolveWorkspaceResult) {
            ResolveWorkspaceResult r = (ResolveWorkspaceResult) result;
            assertThat(r.wpId()).isEqualTo(d.get("wp_id").asText());
            assertThat(r.workspacePath()).isEqualTo(d.get("workspace_path").asText());
            assertThat(r.promptPath()).isEqualTo(d.get("prompt_path").asText());
            checkLane(r.lane(), d);
        } else if (result instanceof StartImplementationResult) {
            StartImplementationResult r = (StartImplementationResult) result;
            assertThat(r.wpId()).isEqualTo(d.get("wp_id").asText());
            checkLanes(r.fromLaneAsString(), r.fromLane(), r.toLaneAsString(), r.toLane(), d);
            assertThat(r.toLane()).isEqualTo(Lane.IN_PROGRESS);
            assertThat(r.workspacePath()).isEqualTo(d.get("workspace_path").asText());
            assertThat(r.promptPath()).isEqualTo(d.get("prompt_path").asText());
            assertThat(r.policyMetadataRecorded()).isEqualTo(d.get("policy_metadata_recorded").asBoolean());
            assertThat(r.noOp()).isEqualTo(d.path("no_op").asBoolean(false));
            checkLane(r.lane(), d);
        } else if (result instanceof StartReviewResult) {
            StartReviewResult r = (StartReviewResult) result;
            assertThat(r.wpId()).isEqualTo(d.get("wp_id").asText());
            checkLanes(r.fromLaneAsString(), r.fromLane(), r.toLaneAsString(), r.toLane(), d);
            assertThat(r.promptPath()).isEqualTo(d.get("prompt_path").asText());
            assertThat(r.policyMetadataRecorded()).isEqualTo(d.get("policy_metadata_recorded").asBoolean());
            assertThat(r.noOp()).isEqualTo(d.path("no_op").asBoolean(false));
        } else if (result instanceof TransitionResult) {
            TransitionResult r = (TransitionResult) result;
            assertThat(r.wpId()).isEqualTo(d.get("wp_id").asText());
            checkLanes(r.fromLaneAsString(), r.fromLane(), r.toLaneAsString(), r.toLane(), d);
            assertThat(r.policyMetadataRecorded()).isEqualTo(d.get("policy_metadata_recorded").asBoolean());
        } else if (result instanceof AppendHistoryResult) {
            AppendHistoryResult r = (AppendHistoryResult) result;
            assertThat(r.wpId()).isEqualTo(d.get("wp_id").asText());
            assertThat(r.historyEntryId()).isEqualTo(d.get("history_entry_id").asText()).startsWith("hist-");
        } else if (result instanceof AcceptMissionResult) {
            AcceptMissionResult r = (AcceptMissionResult) result;
            assertThat(r.accepted()).isEqualTo(d.get("accepted").asBoolean());
            assertThat(r.mode()).isEqualTo(d.get("mode").asText());
            assertThat(r.acceptedAt()).isEqualTo(optText(d.get("accepted_at")));
            assertThat(r.acceptedWps()).containsExactlyElementsOf(strings(d.get("accepted_wps")));
            assertThat(r.approvedWps()).containsExactlyElementsOf(strings(d.get("approved_wps")));
            assertThat(r.doneWps()).containsExactlyElementsOf(strings(d.get("done_wps")));
            assertThat(r.mergePendingWps()).containsExactlyElementsOf(strings(d.get("merge_pending_wps")));
        } else if (result instanceof MergeMissionResult) {
            MergeMissionResult r = (MergeMissionResult) result;
            assertThat(r.merged()).isEqualTo(d.get("merged").asBoolean());
            assertThat(r.targetBranch()).isEqualTo(d.get("target_branch").asText());
            assertThat(r.strategyAsString()).isEqualTo(d.get("strategy").asText());
            assertThat(r.strategy()).isNotEqualTo(MergeStrategy.UNKNOWN);
            assertThat(r.strategy().wireValue()).isEqualTo(d.get("strategy").asText());
            assertThat(r.worktreeRemoved()).isEqualTo(d.get("worktree_removed").asBoolean());
            assertThat(r.mergedWps()).containsExactlyElementsOf(strings(d.get("merged_wps")));
        } else {
            throw new AssertionError("unexpected result type " + result.getClass());
        }
    }

    /** Checks a host error against the failure envelope and the exit code it came with. */
    public static void checkFailure(HostErrorException e, JsonNode env, int exitCode) {
        String code = env.get("error_code").asText();
        JsonNode d = env.get("data");
        assertThat(e).isExactlyInstanceOf(ExpectedErrors.classFor(code));
        assertThat(e.errorCodeAsString()).isEqualTo(code);
        assertThat(e.errorCode().name()).isEqualTo(code);
        assertThat(e.command()).isEqualTo(env.get("command").asText());
        assertThat(e.correlationId()).isEqualTo(env.get("correlation_id").asText());
        assertThat(e.contractVersion()).isEqualTo(env.get("contract_version").asText());
        assertThat(e.hostMessage()).isEqualTo(optText(d.get("message")));
        d.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual()) {
                assertThat(e.dataString(f.getKey())).contains(f.getValue().textValue());
            }
        });
        assertThat(json(compact(MAPPER.valueToTree(e.data())))).isEqualTo(d);
        assertThat(new ArrayList<>(e.data().keySet())).containsExactlyElementsOf(fieldNames(d));
        assertThat(e.exitCode()).isEqualTo(exitCode);
        assertThat(e.getMessage()).contains(code).contains(e.correlationId());
        e.hostMessage().ifPresent(m -> assertThat(e.getMessage()).contains(m));
    }

    private static void checkLanes(String from, Lane fromLane, String to, Lane toLane, JsonNode d) {
        assertThat(from).isEqualTo(d.get("from_lane").asText());
        assertThat(to).isEqualTo(d.get("to_lane").asText());
        assertThat(fromLane).isNotEqualTo(Lane.UNKNOWN).isEqualTo(Lane.fromWire(from));
        assertThat(toLane).isNotEqualTo(Lane.UNKNOWN).isEqualTo(Lane.fromWire(to));
    }

    private static void checkLane(Optional<LaneAssignment> lane, JsonNode d) {
        if (d.has("lane_id")) {
            assertThat(lane).isPresent();
            assertThat(lane.get().laneId()).isEqualTo(d.get("lane_id").asText());
            assertThat(lane.get().laneBranch()).isEqualTo(d.get("lane_branch").asText());
            assertThat(lane.get().laneBaseRef()).isEqualTo(d.get("lane_base_ref").asText());
        } else {
            assertThat(lane).isEmpty();
        }
    }

    private static List<String> fieldNames(JsonNode d) {
        List<String> names = new ArrayList<>();
        d.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Optional<String> optText(JsonNode n) {
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
