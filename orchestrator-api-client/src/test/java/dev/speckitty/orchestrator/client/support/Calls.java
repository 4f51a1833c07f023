package dev.speckitty.orchestrator.client.support;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.ContractVersionRequest;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;

/** Invokes the typed client method for a wire command name with a plausible request. */
public final class Calls {
    public static final PolicyMetadata POLICY = PolicyMetadata.builder()
            .orchestratorId("test-orch").orchestratorVersion("0.1.0").agentFamily("claude")
            .approvalMode("supervised").sandboxMode("workspace_write").networkMode("none").build();

    private Calls() {}

    /** Calls the method for {@code command} (mission- or feature-era name) and returns its result. */
    public static Object invoke(OrchestratorClient c, String command) {
        String m = "042-payments";
        switch (command) {
            case "contract-version":
                return c.contractVersion(ContractVersionRequest.ofClientVersion());
            case "mission-state":
            case "feature-state":
            case "unknown":
                return c.missionState(m);
            case "list-ready":
                return c.listReady(m);
            case "resolve-workspace":
                return c.resolveWorkspace(ResolveWorkspaceRequest.of(m, "WP01"));
            case "start-implementation":
                return c.startImplementation(StartImplementationRequest.builder().mission(m).wp("WP01").actor("a")
                        .policy(POLICY).build());
            case "start-review":
                return c.startReview(StartReviewRequest.builder().mission(m).wp("WP01").actor("a").policy(POLICY)
                        .build());
            case "transition":
                return c.transition(TransitionRequest.builder().mission(m).wp("WP01").to(Lane.FOR_REVIEW).actor("a")
                        .policy(POLICY).build());
            case "append-history":
                return c.appendHistory(AppendHistoryRequest.of(m, "WP01", "a", "note"));
            case "accept-mission":
            case "accept-feature":
                return c.acceptMission(AcceptMissionRequest.of(m, "a"));
            case "merge-mission":
            case "merge-feature":
                return c.mergeMission(MergeMissionRequest.builder().mission(m).build());
            default:
                throw new IllegalArgumentException("no client method for " + command);
        }
    }
}
