package dev.speckitty.orchestrator.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.AppendHistoryResult;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;
import dev.speckitty.orchestrator.client.model.EnvelopeMetadata;
import dev.speckitty.orchestrator.client.model.LaneAssignment;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MissionIdentity;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ReadyWorkPackage;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionResult;
import dev.speckitty.orchestrator.client.model.WorkPackageState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes success payloads into results. Lenient across host eras: unknown keys are ignored, missing optional keys
 * take documented defaults, {@code mission_number} may be a string or an integer, {@code feature_slug} stands in for
 * {@code mission_slug}.
 */
public final class Decoder {
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private Decoder() {}

    /**
     * Decodes the envelope metadata.
     *
     * @param e the envelope
     * @return the metadata
     */
    public static EnvelopeMetadata metadata(Envelope e) {
        return EnvelopeMetadata.builder()
                .command(e.command())
                .contractVersion(e.contractVersion())
                .timestamp(timestamp(e.timestamp()))
                .correlationId(e.correlationId())
                .build();
    }

    private static OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return EPOCH; // an unparsable clock value must not lose the payload
        }
    }

    /**
     * Decodes the identity block.
     *
     * @param d the data object
     * @return the identity
     */
    public static MissionIdentity identity(JsonNode d) {
        String slug = text(d, "mission_slug").or(() -> text(d, "feature_slug")).orElse("");
        JsonNode number = d.path("mission_number");
        Optional<String> num = number.isNumber() || number.isTextual() ? Optional.of(number.asText()) : Optional.empty();
        return MissionIdentity.builder()
                .missionSlug(slug)
                .missionNumber(num)
                .missionType(text(d, "mission_type").orElse(""))
                .build();
    }

    /**
     * Decodes {@code contract-version}.
     *
     * @param e the envelope
     * @return the result
     */
    public static ContractVersionResult contractVersion(Envelope e) {
        JsonNode d = e.data();
        return ContractVersionResult.builder()
                .metadata(metadata(e))
                .apiVersion(text(d, "api_version").orElse(e.contractVersion()))
                .minSupportedProviderVersion(text(d, "min_supported_provider_version").orElse("0.1.0"))
                .build();
    }

    /**
     * Decodes {@code mission-state} / {@code feature-state}.
     *
     * @param e the envelope
     * @return the result
     */
    public static MissionStateResult missionState(Envelope e) {
        JsonNode d = e.data();
        Map<String, Integer> summary = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = d.path("summary").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isIntegralNumber()) {
                summary.put(entry.getKey(), entry.getValue().intValue());
            }
        }
        List<WorkPackageState> wps = new ArrayList<>();
        for (JsonNode wp : d.path("work_packages")) {
            wps.add(WorkPackageState.builder()
                    .wpId(wp.path("wp_id").asText())
                    .laneAsString(wp.path("lane").asText("planned"))
                    .dependencies(strings(wp.path("dependencies")))
                    .lastActor(text(wp, "last_actor"))
                    .build());
        }
        return MissionStateResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .summary(summary)
                .workPackages(wps)
                .build();
    }

    /**
     * Decodes {@code list-ready}.
     *
     * @param e the envelope
     * @return the result
     */
    public static ListReadyResult listReady(Envelope e) {
        JsonNode d = e.data();
        List<ReadyWorkPackage> ready = new ArrayList<>();
        for (JsonNode wp : d.path("ready_work_packages")) {
            ready.add(ReadyWorkPackage.builder()
                    .wpId(wp.path("wp_id").asText())
                    .laneAsString(wp.path("lane").asText("planned"))
                    .dependenciesSatisfied(wp.path("dependencies_satisfied").asBoolean(true))
                    .recommendedBase(text(wp, "recommended_base"))
                    .build());
        }
        return ListReadyResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .readyWorkPackages(ready)
                .build();
    }

    /**
     * Decodes {@code resolve-workspace}.
     *
     * @param e the envelope
     * @return the result
     */
    public static ResolveWorkspaceResult resolveWorkspace(Envelope e) {
        JsonNode d = e.data();
        return ResolveWorkspaceResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .wpId(d.path("wp_id").asText())
                .workspacePath(d.path("workspace_path").asText())
                .promptPath(d.path("prompt_path").asText())
                .lane(lane(d))
                .build();
    }

    /**
     * Decodes {@code start-implementation}.
     *
     * @param e the envelope
     * @return the result
     */
    public static StartImplementationResult startImplementation(Envelope e) {
        JsonNode d = e.data();
        return StartImplementationResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .wpId(d.path("wp_id").asText())
                .fromLaneAsString(d.path("from_lane").asText())
                .toLaneAsString(d.path("to_lane").asText("in_progress"))
                .workspacePath(d.path("workspace_path").asText())
                .promptPath(d.path("prompt_path").asText())
                .policyMetadataRecorded(d.path("policy_metadata_recorded").asBoolean(true))
                .noOp(d.path("no_op").asBoolean(false))
                .lane(lane(d))
                .build();
    }

    /**
     * Decodes {@code start-review}.
     *
     * @param e the envelope
     * @return the result
     */
    public static StartReviewResult startReview(Envelope e) {
        JsonNode d = e.data();
        return StartReviewResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .wpId(d.path("wp_id").asText())
                .fromLaneAsString(d.path("from_lane").asText())
                .toLaneAsString(d.path("to_lane").asText("in_review"))
                .promptPath(d.path("prompt_path").asText())
                .policyMetadataRecorded(d.path("policy_metadata_recorded").asBoolean(true))
                .noOp(d.path("no_op").asBoolean(false))
                .build();
    }

    /**
     * Decodes {@code transition}.
     *
     * @param e the envelope
     * @return the result
     */
    public static TransitionResult transition(Envelope e) {
        JsonNode d = e.data();
        return TransitionResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .wpId(d.path("wp_id").asText())
                .fromLaneAsString(d.path("from_lane").asText())
                .toLaneAsString(d.path("to_lane").asText())
                .policyMetadataRecorded(d.path("policy_metadata_recorded").asBoolean(false))
                .build();
    }

    /**
     * Decodes {@code append-history}.
     *
     * @param e the envelope
     * @return the result
     */
    public static AppendHistoryResult appendHistory(Envelope e) {
        JsonNode d = e.data();
        return AppendHistoryResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .wpId(d.path("wp_id").asText())
                .historyEntryId(d.path("history_entry_id").asText(""))
                .build();
    }

    /**
     * Decodes {@code accept-mission} / {@code accept-feature}.
     *
     * @param e the envelope
     * @return the result
     */
    public static AcceptMissionResult acceptMission(Envelope e) {
        JsonNode d = e.data();
        return AcceptMissionResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .accepted(d.path("accepted").asBoolean(true))
                .mode(d.path("mode").asText("auto"))
                .acceptedAt(text(d, "accepted_at"))
                .acceptedWps(strings(d.path("accepted_wps")))
                .approvedWps(strings(d.path("approved_wps")))
                .doneWps(strings(d.path("done_wps")))
                .mergePendingWps(strings(d.path("merge_pending_wps")))
                .build();
    }

    /**
     * Decodes {@code merge-mission} / {@code merge-feature}.
     *
     * @param e the envelope
     * @return the result
     */
    public static MergeMissionResult mergeMission(Envelope e) {
        JsonNode d = e.data();
        return MergeMissionResult.builder()
                .metadata(metadata(e))
                .identity(identity(d))
                .merged(d.path("merged").asBoolean(true))
                .targetBranch(d.path("target_branch").asText(""))
                .strategyAsString(d.path("strategy").asText("merge"))
                .worktreeRemoved(d.path("worktree_removed").asBoolean(false))
                .mergedWps(strings(d.path("merged_wps")))
                .build();
    }

    private static Optional<LaneAssignment> lane(JsonNode d) {
        Optional<String> id = text(d, "lane_id");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LaneAssignment.builder()
                .laneId(id.get())
                .laneBranch(d.path("lane_branch").asText(""))
                .laneBaseRef(d.path("lane_base_ref").asText(""))
                .build());
    }

    /**
     * Reads a string field.
     *
     * @param node the object
     * @param key the key
     * @return the value when present and a string
     */
    public static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isTextual()) {
                out.add(n.textValue());
            }
        }
        return out;
    }
}
