package dev.speckitty.orchestrator.examples;

import dev.speckitty.orchestrator.client.ContractVersions;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.ListReadyResult;
import dev.speckitty.orchestrator.client.model.MissionStateResult;
import dev.speckitty.orchestrator.client.model.ReadyWorkPackage;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceResult;
import dev.speckitty.orchestrator.client.model.WorkPackageState;

/**
 * Reads a mission: every work package with its lane and dependencies, its lane worktree, and what may start now.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=dev.speckitty.orchestrator.examples.ReadMission
 * </pre>
 */
public final class ReadMission {
    private ReadMission() {}

    /**
     * Runs the example.
     *
     * @param args see {@link ExampleSetup}
     */
    public static void main(String[] args) {
        try (ExampleSetup setup = ExampleSetup.fromArgs(args)) {
            OrchestratorClient client = setup.client();
            String mission = setup.mission();

            MissionStateResult state = client.missionState(mission);
            System.out.println("mission " + state.identity().missionSlug() + " (" + state.workPackages().size() + " WPs)");
            // resolve-workspace (contract 1.2.0+) tells which lane worktree a WP belongs to, without changing anything
            boolean canResolve = client.hostInfo().isAtLeast(ContractVersions.V1_2_0);
            for (WorkPackageState wp : state.workPackages()) {
                String where = "";
                if (canResolve) {
                    ResolveWorkspaceResult ws = client.resolveWorkspace(ResolveWorkspaceRequest.of(mission, wp.wpId()));
                    where = ws.lane().map(l -> "  lane " + l.laneId() + " (" + l.laneBranch() + ")").orElse("  no lane");
                }
                System.out.printf("  %s  %-11s depends on %s%s%n", wp.wpId(), wp.laneAsString(),
                        wp.dependencies().isEmpty() ? "-" : String.join(", ", wp.dependencies()), where);
            }
            System.out.println("lane counts: " + state.summary());

            ListReadyResult ready = client.listReady(mission);
            System.out.println("ready now: " + (ready.readyWorkPackages().isEmpty() ? "none"
                    : String.join(", ", ready.readyWorkPackages().stream().map(ReadyWorkPackage::wpId).toList())));
        }
    }
}
