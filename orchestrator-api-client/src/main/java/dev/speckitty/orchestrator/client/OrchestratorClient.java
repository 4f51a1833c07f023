package dev.speckitty.orchestrator.client;

import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AcceptMissionResult;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryResult;
import dev.speckitty.orchestrator.client.model.ContractVersionRequest;
import dev.speckitty.orchestrator.client.model.ContractVersionResult;
import dev.speckitty.orchestrator.client.model.ListReadyRequest;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionResult;
import dev.speckitty.orchestrator.client.model.MissionStateRequest;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.StartReviewResult;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.model.TransitionResult;

/**
 * Typed client for the host's {@code spec-kitty orchestrator-api} contract: one method per command, each taking an
 * immutable request and returning an immutable result.
 *
 * <p><b>Threading.</b> Implementations are thread-safe; calls for different work packages may run concurrently.
 *
 * <p><b>Host negotiation.</b> Before the first command the client runs {@code contract-version --provider-version
 * <ours>} once, refuses hosts outside contract 1.x, and refuses client-side (with
 * {@link dev.speckitty.orchestrator.client.error.UnsupportedByHostException}) a command or flag the host is too old
 * for. Feature-era hosts are spoken to in their own vocabulary transparently.
 *
 * <p><b>Errors.</b> A failure envelope throws a {@link dev.speckitty.orchestrator.client.error.HostErrorException}
 * subclass chosen by its {@code error_code}; a call without a trustworthy envelope throws a
 * {@link dev.speckitty.orchestrator.client.error.ClientSideException}. All exceptions are unchecked.
 *
 * <pre>{@code
 * try (OrchestratorClient client = OrchestratorClient.builder().projectRoot(Path.of(".")).build()) {
 *     MissionStateResult state = client.missionState(MissionStateRequest.of("042-payments"));
 * }
 * }</pre>
 */
public interface OrchestratorClient extends AutoCloseable {
    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static OrchestratorClientBuilder builder() {
        return new OrchestratorClientBuilder();
    }

    /**
     * Returns what the client knows about the host, negotiating first if that has not happened yet.
     *
     * @return the host information
     * @throws dev.speckitty.orchestrator.client.error.UnsupportedByHostException when the host's contract is outside
     *     the supported range
     */
    HostInfo hostInfo();

    /**
     * Runs {@code contract-version --provider-version <client version>} (contract section 4.1).
     *
     * @return the host's contract version and minimum provider version
     * @throws dev.speckitty.orchestrator.client.error.ContractException {@code CONTRACT_VERSION_MISMATCH}
     */
    default ContractVersionResult contractVersion() {
        return contractVersion(ContractVersionRequest.ofClientVersion());
    }

    /**
     * Runs {@code contract-version} (contract section 4.1). Never refused client-side, so it also works against hosts
     * outside the supported range.
     *
     * @param request the request
     * @return the host's contract version and minimum provider version
     * @throws dev.speckitty.orchestrator.client.error.ContractException {@code CONTRACT_VERSION_MISMATCH}
     */
    ContractVersionResult contractVersion(ContractVersionRequest request);

    /**
     * Runs {@code mission-state} ({@code feature-state} on feature-era hosts; contract section 4.2).
     *
     * @param request the request
     * @return every work package with its lane and dependencies
     * @throws dev.speckitty.orchestrator.client.error.NotFoundException {@code MISSION_NOT_FOUND},
     *     {@code STATUS_READ_PATH_NOT_FOUND}
     */
    MissionStateResult missionState(MissionStateRequest request);

    /**
     * Runs {@code mission-state} for a mission selector.
     *
     * @param mission the mission directory name
     * @return the mission state
     * @throws dev.speckitty.orchestrator.client.error.NotFoundException {@code MISSION_NOT_FOUND}
     */
    default MissionStateResult missionState(String mission) {
        return missionState(MissionStateRequest.of(mission));
    }

    /**
     * Runs {@code list-ready} (contract section 4.3).
     *
     * @param request the request
     * @return the work packages that may start now
     * @throws dev.speckitty.orchestrator.client.error.NotFoundException {@code MISSION_NOT_FOUND}
     */
    ListReadyResult listReady(ListReadyRequest request);

    /**
     * Runs {@code list-ready} for a mission selector.
     *
     * @param mission the mission directory name
     * @return the ready work packages
     * @throws dev.speckitty.orchestrator.client.error.NotFoundException {@code MISSION_NOT_FOUND}
     */
    default ListReadyResult listReady(String mission) {
        return listReady(ListReadyRequest.of(mission));
    }

    /**
     * Runs {@code resolve-workspace} (contract 1.2.0+, section 4.4).
     *
     * @param request the request
     * @return the workspace and lane of the work package
     * @throws dev.speckitty.orchestrator.client.error.UnsupportedByHostException on hosts below contract 1.2.0
     * @throws dev.speckitty.orchestrator.client.error.NotFoundException {@code MISSION_NOT_FOUND},
     *     {@code WP_NOT_FOUND}
     */
    ResolveWorkspaceResult resolveWorkspace(ResolveWorkspaceRequest request);

    /**
     * Runs {@code start-implementation} (contract section 4.5). Idempotent for the same actor.
     *
     * @param request the request
     * @return the claim, with the workspace to work in
     * @throws dev.speckitty.orchestrator.client.error.PolicyRejectedException {@code POLICY_*}
     * @throws dev.speckitty.orchestrator.client.error.StateConflictException {@code DEPENDENCIES_NOT_SATISFIED},
     *     {@code WP_ALREADY_CLAIMED}, {@code TRANSITION_REJECTED}
     * @throws dev.speckitty.orchestrator.client.error.RepositoryOperationException {@code LANE_ALLOCATION_FAILED}
     */
    StartImplementationResult startImplementation(StartImplementationRequest request);

    /**
     * Runs {@code start-review} (contract section 4.6). Idempotent.
     *
     * @param request the request
     * @return the review claim
     * @throws dev.speckitty.orchestrator.client.error.StateConflictException {@code WP_ALREADY_CLAIMED},
     *     {@code TRANSITION_REJECTED}
     */
    StartReviewResult startReview(StartReviewRequest request);

    /**
     * Runs {@code transition} (contract section 4.7). <b>Not idempotent</b>: after an unknown outcome (timeout, no
     * envelope) re-read {@code mission-state} before retrying.
     *
     * @param request the request
     * @return the lanes before and after
     * @throws dev.speckitty.orchestrator.client.error.UnsupportedByHostException for {@code --review-result-json}
     *     below contract 1.3.0, or evidence options on feature-era hosts
     * @throws dev.speckitty.orchestrator.client.error.StateConflictException {@code TRANSITION_REJECTED}
     */
    TransitionResult transition(TransitionRequest request);

    /**
     * Runs {@code append-history} (contract section 4.8). Each call adds one note.
     *
     * @param request the request
     * @return the history entry id
     * @throws dev.speckitty.orchestrator.client.error.RepositoryOperationException {@code HISTORY_COMMIT_FAILED}
     */
    AppendHistoryResult appendHistory(AppendHistoryRequest request);

    /**
     * Runs {@code accept-mission} ({@code accept-feature} on feature-era hosts; contract section 4.9).
     *
     * @param request the request
     * @return the accepted work packages
     * @throws dev.speckitty.orchestrator.client.error.StateConflictException {@code MISSION_NOT_READY},
     *     {@code WORKFLOW_EVIDENCE_REQUIRED}
     */
    AcceptMissionResult acceptMission(AcceptMissionRequest request);

    /**
     * Runs {@code merge-mission} ({@code merge-feature} on feature-era hosts; contract section 4.10). Uses the
     * client's merge timeout.
     *
     * @param request the request
     * @return the merge outcome
     * @throws dev.speckitty.orchestrator.client.error.ContractException {@code UNSUPPORTED_STRATEGY}
     * @throws dev.speckitty.orchestrator.client.error.RepositoryOperationException {@code PREFLIGHT_FAILED}
     */
    MergeMissionResult mergeMission(MergeMissionRequest request);

    /**
     * Returns the raw escape hatch, sharing this client's transport and project root.
     *
     * @return the raw client
     */
    RawClient raw();

    /** Closes the transport. */
    @Override
    void close();
}
