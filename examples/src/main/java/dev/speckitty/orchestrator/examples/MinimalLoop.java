package dev.speckitty.orchestrator.examples;

import dev.speckitty.orchestrator.client.ContractVersions;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.error.ClientSideException;
import dev.speckitty.orchestrator.client.error.ErrorCode;
import dev.speckitty.orchestrator.client.error.StateConflictException;
import dev.speckitty.orchestrator.client.error.UnsupportedByHostException;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.DoneEvidence;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.ReadyWorkPackage;
import dev.speckitty.orchestrator.client.model.ReviewResult;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartImplementationResult;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.model.WorkPackageState;
import dev.speckitty.orchestrator.client.policy.ApprovalMode;
import dev.speckitty.orchestrator.client.policy.NetworkMode;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.client.policy.SandboxMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-written orchestrator using only the client: claim each ready WP, do the "agent work" (write and commit a
 * file in the lane worktree, mark the subtasks done through the host), hand off for review, review, and finish with
 * a review result and done evidence; then accept and merge the mission.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=dev.speckitty.orchestrator.examples.MinimalLoop
 * </pre>
 */
public final class MinimalLoop {
    private static final String IMPLEMENTER = "minimal-loop:implementer";
    private static final String REVIEWER = "minimal-loop:reviewer";

    private MinimalLoop() {}

    /**
     * Runs the example.
     *
     * @param args see {@link ExampleSetup}
     */
    public static void main(String[] args) {
        try (ExampleSetup setup = ExampleSetup.fromArgs(args)) {
            OrchestratorClient client = setup.client();
            String mission = setup.mission();
            if (!client.hostInfo().isAtLeast(ContractVersions.V1_3_0)) {
                throw new UnsupportedByHostException("MinimalLoop (review results)", client.hostInfo().contractVersion(),
                        ">= 1.3.0");
            }
            // One policy for the whole run; build() already applies the host's rules (no "monkey" agent family!).
            PolicyMetadata policy = PolicyMetadata.builder()
                    .orchestratorId("minimal-loop").orchestratorVersion("0.1.0").agentFamily("example")
                    .approvalMode(ApprovalMode.FULL_AUTO).sandboxMode(SandboxMode.WORKSPACE_WRITE)
                    .networkMode(NetworkMode.NONE).build();

            while (true) {
                List<ReadyWorkPackage> ready = client.listReady(mission).readyWorkPackages();
                if (ready.isEmpty()) {
                    break; // finished, or waiting on WPs someone else holds
                }
                for (ReadyWorkPackage wp : ready) {
                    runWorkPackage(setup, policy, wp.wpId());
                }
            }

            List<WorkPackageState> open = client.missionState(mission).workPackages().stream()
                    .filter(wp -> !wp.lane().satisfiesDependents()).toList();
            if (!open.isEmpty()) {
                open.forEach(wp -> System.out.println("not finished: " + wp.wpId() + " in " + wp.laneAsString()));
                return;
            }
            client.acceptMission(AcceptMissionRequest.of(mission, IMPLEMENTER));
            // accept-mission records the acceptance in meta.json of the main checkout, and merge-mission refuses a
            // checkout with uncommitted changes: commit the record (only the mission's own files) first.
            Path root = setup.projectRoot();
            String missionDir = "kitty-specs/" + mission;
            if (!ExampleSetup.run(root, List.of("git", "status", "--porcelain", "--untracked-files=no", "--",
                    missionDir)).isBlank()) {
                ExampleSetup.run(root, List.of("git", "commit", "-q", "-m", "Accept " + mission, "--", missionDir));
            }
            String target = client.mergeMission(MergeMissionRequest.builder().mission(mission).build()).targetBranch();
            System.out.println("mission accepted and merged into " + target);
        }
    }

    private static void runWorkPackage(ExampleSetup setup, PolicyMetadata policy, String wp) {
        OrchestratorClient client = setup.client();
        String mission = setup.mission();

        // 1. Claim. Idempotent for the same actor; another orchestrator may have been faster.
        StartImplementationResult claim;
        try {
            claim = client.startImplementation(StartImplementationRequest.builder()
                    .mission(mission).wp(wp).actor(IMPLEMENTER).policy(policy).build());
        } catch (StateConflictException e) {
            if (e.errorCode() == ErrorCode.WP_ALREADY_CLAIMED) {
                System.out.println(wp + ": claimed by " + e.dataString("claimed_by").orElse("someone else") + ", skipped");
                return;
            }
            throw e;
        }
        Path workspace = Path.of(claim.workspacePath());
        System.out.println(wp + ": claimed, working in " + workspace.getFileName());

        // 2. The "agent": write and commit a file in the lane worktree, then mark the WP's subtasks done.
        String file = "work/" + wp + ".txt";
        write(workspace.resolve(file), "Work of " + wp + "\n");
        ExampleSetup.run(workspace, List.of("git", "add", "--", file));
        ExampleSetup.run(workspace, List.of("git", "commit", "-q", "-m", wp + ": implement"));
        String commit = ExampleSetup.run(workspace, List.of("git", "rev-parse", "HEAD")).strip();
        String branch = ExampleSetup.run(workspace, List.of("git", "rev-parse", "--abbrev-ref", "HEAD")).strip();
        setup.markSubtasksDone(subtasks(Path.of(claim.promptPath())));

        // 3. Hand off, start the review, and finish with a structured review result plus matching evidence.
        transition(setup, TransitionRequest.builder().mission(mission).wp(wp).to(Lane.FOR_REVIEW)
                .actor(IMPLEMENTER).policy(policy).build());
        client.startReview(StartReviewRequest.builder().mission(mission).wp(wp).actor(REVIEWER).policy(policy).build());
        String reference = "review/" + wp + "/1";
        transition(setup, TransitionRequest.builder().mission(mission).wp(wp).to(Lane.DONE).actor(REVIEWER)
                .reviewResult(ReviewResult.builder().reviewer(REVIEWER).verdict(ReviewVerdict.APPROVED)
                        .reference(reference).build())
                .evidence(DoneEvidence.builder()
                        .review(DoneEvidence.Review.of(REVIEWER, ReviewVerdict.APPROVED, reference))
                        .addRepo(DoneEvidence.Repo.of(".", branch, commit, List.of(file)))
                        .build())
                .build());
        System.out.println(wp + ": done");
    }

    /**
     * transition is not idempotent: after an unknown outcome (timeout, no envelope) re-read the lane before retrying,
     * or the retry fails with "Illegal transition: X -> X" although the first call worked.
     */
    private static void transition(ExampleSetup setup, TransitionRequest request) {
        try {
            setup.client().transition(request);
        } catch (ClientSideException unknownOutcome) {
            Lane now = setup.client().missionState(request.mission()).workPackage(request.wp())
                    .map(WorkPackageState::lane).orElse(Lane.UNKNOWN);
            if (now != request.to()) {
                setup.client().transition(request); // it did not happen: one retry
            }
        }
    }

    /** Reads {@code subtasks: [T001, T002]} from the prompt file's front matter. */
    private static List<String> subtasks(Path promptFile) {
        try {
            for (String line : Files.readAllLines(promptFile)) {
                if (line.startsWith("subtasks:")) {
                    String list = line.substring("subtasks:".length()).replaceAll("[\\[\\]\"' ]", "");
                    return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
                }
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + promptFile, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
