package dev.speckitty.orchestrator.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards, error precedence, readiness, idempotency, selectors and usage errors of the 1.3.0 simulator. */
class HostSemanticsTest {
    private static final String M = "042-demo-01KV8NPC";
    private static final String ID = "01KV8NPCQ9ZX3R7W2M5T8H4FBD";

    @TempDir
    Path tmp;

    TestRepo repo;
    Sim sim;

    @BeforeEach
    void repo() {
        repo = TestRepo.create(tmp);
        repo.mission(M, ID, "main", false, TestRepo.wp("WP01", List.of(), "T001", "T002"),
                TestRepo.wp("WP02", List.of("WP01"), "T003"), TestRepo.wp("WP03", List.of("WP01", "WP02")));
        sim = new Sim(SimulatedHost.builder().projectRoot(repo.root).config(SimulatedHostConfig.defaults()).build());
    }

    private static List<String> ids(Sim.Call c, String array) {
        List<String> out = new ArrayList<>();
        c.data().get(array).forEach(n -> out.add(n.get("wp_id").asText()));
        return out;
    }

    @Test
    void errorPrecedencePolicyBeforeMissionBeforeWp() {
        assertThat(sim.api("start-implementation", "--mission", "nope", "--wp", "WP01", "--actor", "a").code())
                .isEqualTo("POLICY_METADATA_REQUIRED");
        assertThat(sim.api("start-implementation", "--mission", "nope", "--wp", "WP01", "--actor", "a", "--policy",
                "{}").message()).isEqualTo("--policy missing required field: 'orchestrator_id'");
        assertThat(sim.start("nope", "WP01", "a").message()).isEqualTo("Mission 'nope' not found in kitty-specs/");
        assertThat(sim.start(M, "WP9", "a").message()).isEqualTo("Work package 'WP9' not found in " + M);
        Sim.Call usage = sim.transition("nope", "WP01", "done", "--evidence-json", "[1]");
        assertThat(usage.exit()).isEqualTo(1);
        assertThat(usage.env().get("command").asText()).isEqualTo("orchestrator-api.transition");
        assertThat(usage.message()).isEqualTo("--evidence-json must decode to a JSON object");
        assertThat(sim.transition("nope", "WP01", "done", "--review-result-json", "{\"reviewer\":\"r\"}").message())
                .isEqualTo("--review-result-json requires non-empty reviewer, verdict, and reference strings");
        assertThat(sim.transition(M, "WP01", "done", "--review-result-json",
                "{\"reviewer\":\"r\",\"verdict\":\"ok\",\"reference\":\"x\"}").message())
                .isEqualTo("--review-result-json verdict must be 'approved' or 'changes_requested'");
        assertThat(sim.transition(M, "WP01", "done", "--review-result-json", "nope").message())
                .startsWith("Invalid JSON in --review-result-json: ");
        Sim.Call strategy = sim.api("merge-mission", "--mission", "nope", "--strategy", "octopus");
        assertThat(strategy.code()).isEqualTo("UNSUPPORTED_STRATEGY");
        assertThat(strategy.data().get("supported").toString()).isEqualTo("[\"merge\",\"rebase\",\"squash\"]");
    }

    @Test
    void parserErrorsAreUsageEnvelopesWithExitTwo() {
        for (String[] args : new String[][] {
            {"feature-state", "--feature", M},
            {"mission-state"},
            {"mission-state", "--mission", M, "--json"},
            {"mission-state", "--mission", M, "--policy", "{}"},
            {"transition", "--mission", M, "--wp", "WP01", "--to", "done", "--actor", "a", "--no-force"},
            {"transition", "--mission", M, "--wp", "WP01", "--to", "done", "--actor", "a", "--force=yes"},
            {"list-ready", "--mission"},
            {},
        }) {
            Sim.Call c = sim.api(args);
            assertThat(c.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(c.code()).isEqualTo("USAGE_ERROR");
            assertThat(c.env().get("command").asText()).isEqualTo("orchestrator-api.unknown");
        }
        assertThat(sim.api("mission-state").message()).isEqualTo("Missing option '--mission'.");
        assertThat(sim.api("feature-state").message()).isEqualTo("No such command 'feature-state'.");
        assertThat(sim.api("list-ready", "--mission").message()).isEqualTo("Option '--mission' requires an argument.");
        assertThat(sim.api().message()).isEqualTo("Missing command.");
        assertThat(sim.api("mission-state", "--mission=" + M).ok()).isTrue();
        assertThat(sim.api("mission-state", "--mission", M).ok()).isTrue();
    }

    @Test
    void selectorsResolveByIdMid8SlugAndPrefixAndAmbiguityCrashes() {
        for (String sel : List.of(M, ID, "01KV8NPC", "demo-01KV8NPC", "demo", "042")) {
            Sim.Call c = sim.api("mission-state", "--mission", sel);
            assertThat(c.ok()).as(sel).isTrue();
            assertThat(c.data().get("mission_slug").asText()).isEqualTo(M);
        }
        repo.mission("042-other", "01KV8NPCAAAAAAAAAAAAAAAAAA", "main", false, TestRepo.wp("WP01", List.of()));
        Sim.Call ambiguous = sim.api("mission-state", "--mission", "01KV8NPC");
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.stdout()).isEmpty();
        assertThat(ambiguous.stderr()).contains("Traceback", "MissionSelectorAmbiguous");
        Sim.Call unsafe = sim.api("mission-state", "--mission", "../etc");
        assertThat(unsafe.stdout()).isEmpty();
        assertThat(unsafe.stderr()).contains("Unsafe mission selector");
    }

    @Test
    void readinessNeedsPlannedAndEveryDependencyApprovedOrDone() {
        assertThat(ids(sim.api("list-ready", "--mission", M), "ready_work_packages")).containsExactly("WP01");
        sim.force(M, "WP01", "for_review");
        assertThat(ids(sim.api("list-ready", "--mission", M), "ready_work_packages")).isEmpty();
        sim.force(M, "WP01", "approved");
        assertThat(ids(sim.api("list-ready", "--mission", M), "ready_work_packages")).containsExactly("WP02");
        sim.force(M, "WP02", "canceled");
        assertThat(ids(sim.api("list-ready", "--mission", M), "ready_work_packages")).isEmpty();
        sim.force(M, "WP02", "done");
        sim.force(M, "WP03", "blocked");
        assertThat(ids(sim.api("list-ready", "--mission", M), "ready_work_packages")).isEmpty();
        Sim.Call deps = sim.start(M, "WP02", "a");
        assertThat(deps.code()).isEqualTo("TRANSITION_REJECTED");
        assertThat(deps.message()).isEqualTo("WP WP02 is in 'done', cannot start implementation");
    }

    @Test
    void startsAreIdempotentAndClaimsAreExclusive() {
        Sim.Call first = sim.start(M, "WP01", "impl");
        assertThat(first.data().get("no_op").asBoolean()).isFalse();
        assertThat(first.data().has("lane_id")).isFalse();
        assertThat(first.data().get("workspace_path").asText()).endsWith(".worktrees/" + M + "-WP01");
        Sim.Call again = sim.start(M, "WP01", " impl ");
        assertThat(again.data().get("no_op").asBoolean()).isTrue();
        assertThat(again.data().get("from_lane").asText()).isEqualTo("in_progress");
        Sim.Call other = sim.start(M, "WP01", "intruder");
        assertThat(other.code()).isEqualTo("WP_ALREADY_CLAIMED");
        assertThat(other.data().get("claimed_by").asText()).isEqualTo("impl");
        assertThat(other.message()).isEqualTo("WP WP01 is already claimed for implementation by 'impl'");
        Sim.Call deps = sim.start(M, "WP02", "impl");
        assertThat(deps.code()).isEqualTo("DEPENDENCIES_NOT_SATISFIED");
        assertThat(deps.data().get("unsatisfied_dependencies").toString()).isEqualTo("[\"WP01\"]");
        assertThat(sim.host.claims(M)).containsEntry("WP01", "impl");
        // a generic owner can be taken over
        sim.api("transition", "--mission", M, "--wp", "WP01", "--to", "claimed", "--actor", "unknown", "--force",
                "--note", "reset", "--policy", TestRepo.POLICY);
        Sim.Call takeover = sim.start(M, "WP01", "new-impl");
        assertThat(takeover.data().get("from_lane").asText()).isEqualTo("claimed");
        assertThat(takeover.data().get("no_op").asBoolean()).isFalse();
        // transition is not idempotent
        assertThat(sim.transition(M, "WP01", "blocked").ok()).isTrue();
        assertThat(sim.transition(M, "WP01", "blocked").message()).isEqualTo("Illegal transition: blocked -> blocked");
    }

    @Test
    void reviewGuardsAndSubtaskGate() {
        sim.start(M, "WP01", "impl");
        assertThat(sim.transition(M, "WP01", "for_review", "--subtasks-complete").message())
                .isEqualTo("Transition in_progress -> for_review requires completed subtasks or force with reason");
        sim.host.markSubtasksDone(M, "T001", "T002");
        assertThat(sim.host.subtaskMarks(M, "WP01")).containsExactly("T001", "T002");
        assertThat(sim.transition(M, "WP01", "for_review").ok()).isTrue();
        Sim.Call review = sim.api("start-review", "--mission", M, "--wp", "WP01", "--actor", "rev", "--policy",
                TestRepo.POLICY, "--review-ref", "r1");
        assertThat(review.data().get("to_lane").asText()).isEqualTo("in_review");
        Sim.Call second = sim.api("start-review", "--mission", M, "--wp", "WP01", "--actor", "rev2", "--policy",
                TestRepo.POLICY);
        assertThat(second.data().get("no_op").asBoolean()).isTrue();
        assertThat(sim.transition(M, "WP01", "done").message())
                .isEqualTo("Transition from in_review requires review_result (structured review outcome)");
        String changes = "{\"reviewer\":\"rev\",\"verdict\":\"changes_requested\",\"reference\":\"r1\"}";
        assertThat(sim.transition(M, "WP01", "done", "--review-result-json", changes).message())
                .isEqualTo("Transition to approved/done requires evidence (reviewer identity and approval reference)");
        String approved = "{\"reviewer\":\"rev\",\"verdict\":\"approved\",\"reference\":\"r1\"}";
        assertThat(sim.transition(M, "WP01", "done", "--review-result-json", approved, "--review-ref", "r2")
                .message()).isEqualTo("review_ref must match review_result.reference");
        assertThat(sim.transition(M, "WP01", "done", "--review-result-json", approved, "--evidence-json",
                "{\"review\":{\"reviewer\":\"other\",\"verdict\":\"approved\",\"reference\":\"r1\"}}").message())
                .isEqualTo("Review evidence must match review_result");
        assertThat(sim.transition(M, "WP01", "done", "--evidence-json", "{\"repos\":[]}").message())
                .isEqualTo("Moving to done requires evidence with review.reviewer review.verdict, and review.reference");
        Sim.Call done = sim.transition(M, "WP01", "done", "--review-result-json", approved);
        assertThat(done.ok()).isTrue();
        assertThat(done.stderr()).contains("requires evidence");
        assertThat(sim.transition(M, "WP01", "planned", "--force").message())
                .isEqualTo("Force transitions require actor and reason");
        assertThat(sim.transition(M, "WP01", " In_Progress ", "--force", "--note", "reopen").data().get("to_lane")
                .asText()).isEqualTo("in_progress");
        assertThat(sim.transition(M, "WP01", "planned").message())
                .isEqualTo("Transition in_progress -> planned requires reason");
        Sim.Call crash = sim.transition(M, "WP01", "nowhere");
        assertThat(crash.exit()).isEqualTo(1);
        assertThat(crash.stdout()).isEmpty();
        assertThat(crash.stderr()).contains("Unknown lane");
        assertThat(sim.api("transition", "--mission", M, "--wp", "WP01", "--to", "doing", "--actor", "a")
                .message()).isEqualTo("--policy is required when transitioning to 'in_progress'");
    }

    @Test
    void policyUsesTheClientRuleSet() {
        String monkey = TestRepo.POLICY.replace("\"claude\"", "\"monkey\"");
        assertThat(sim.api("start-review", "--mission", M, "--wp", "WP01", "--actor", "a", "--policy", monkey)
                .message()).isEqualTo("--policy field 'agent_family' appears to contain a secret (matched pattern: "
                        + "token|secret|key|password|credential). Do not pass secrets via --policy.");
        String yolo = TestRepo.POLICY.replace("[]", "[\"--yolo\"]");
        assertThat(sim.start(M, "WP01", "a").ok()).isTrue();
        assertThat(sim.transition(M, "WP01", "blocked", "--policy", yolo).code()).isEqualTo("POLICY_VALIDATION_FAILED");
        assertThat(sim.api("transition", "--mission", M, "--wp", "WP01", "--to", "blocked", "--actor", "a").data()
                .get("policy_metadata_recorded").asBoolean()).isFalse();
    }

    @Test
    void acceptNeedsEveryWpApprovedOrDoneAndRecordsInMeta() throws Exception {
        Sim.Call notReady = sim.api("accept-mission", "--mission", M, "--actor", "lead");
        assertThat(notReady.code()).isEqualTo("MISSION_NOT_READY");
        assertThat(notReady.data().get("incomplete_wps").toString()).isEqualTo("[\"WP01\",\"WP02\",\"WP03\"]");
        sim.force(M, "WP01", "done");
        sim.force(M, "WP02", "approved");
        sim.force(M, "WP03", "approved");
        Sim.Call ok = sim.api("accept-mission", "--mission", M, "--actor", "lead");
        assertThat(ok.data().get("accepted_wps").toString()).isEqualTo("[\"WP02\",\"WP03\",\"WP01\"]");
        assertThat(ok.data().get("merge_pending_wps").toString()).isEqualTo("[\"WP02\",\"WP03\"]");
        assertThat(java.nio.file.Files.readString(repo.root.resolve("kitty-specs/" + M + "/meta.json")))
                .contains("\"accepted_by\": \"lead\"", "\"acceptance_mode\": \"orchestrator\"");
        Sim.Call history = sim.api("append-history", "--mission", M, "--wp", "WP01", "--actor", "a", "--note", "hi");
        assertThat(history.data().get("history_entry_id").asText()).matches("hist-[0-9a-f]{32}");
        assertThat(sim.host.events(M)).anySatisfy(e -> assertThat(e.note().orElse("")).endsWith("] a: hi"));
    }

    @Test
    void unseededMissionsHaveGenesisWps() {
        Sim unseeded = new Sim(SimulatedHost.builder().projectRoot(repo.root)
                .config(SimulatedHostConfig.builder().addUnseededMission(M).build()).build());
        Sim.Call state = unseeded.api("mission-state", "--mission", M);
        assertThat(state.data().get("summary").get("planned").asInt()).isZero();
        assertThat(state.data().get("work_packages").get(0).get("lane").asText()).isEqualTo("planned");
        assertThat(unseeded.start(M, "WP01", "a").message())
                .isEqualTo("WP WP01 is not finalized; run `spec-kitty agent mission finalize-tasks`");
        assertThat(unseeded.transition(M, "WP01", "planned").data().get("from_lane").asText()).isEqualTo("genesis");
        assertThat(unseeded.start(M, "WP01", "a").ok()).isTrue();
    }

    @Test
    void coordinationMissionWithoutMid8CannotFindItsStatus() {
        repo.write("kitty-specs/050-coord/meta.json", "{\"mission_slug\": \"050-coord\", \"coordination_branch\":"
                + " \"kitty/coord\"}");
        repo.write("kitty-specs/050-coord/tasks/WP01.md", "---\nwork_package_id: WP01\n---\n");
        Sim.Call c = sim.api("list-ready", "--mission", "050-coord");
        assertThat(c.code()).isEqualTo("STATUS_READ_PATH_NOT_FOUND");
        List<String> keys = new ArrayList<>();
        c.data().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("message", "mission_slug", "mid8", "coord_candidate", "primary_candidate");
    }

    @Test
    void workflowChangesNeedRunEvidenceBeforeAcceptance() {
        repo.mission("060-ci", null, "main", true, TestRepo.wp("WP01", List.of()));
        Sim.Call started = sim.start("060-ci", "WP01", "impl");
        Path ws = Path.of(started.data().get("workspace_path").asText());
        try {
            java.nio.file.Files.createDirectories(ws.resolve(".github/workflows"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        repo.commitIn(ws, ".github/workflows/ci.yml", "on: push\n");
        sim.force("060-ci", "WP01", "done");
        Sim.Call refused = sim.api("accept-mission", "--mission", "060-ci", "--actor", "lead");
        assertThat(refused.code()).isEqualTo("WORKFLOW_EVIDENCE_REQUIRED");
        assertThat(refused.message()).isEqualTo("Workflow run evidence required: this mission changes"
                + " .github/workflows/ci.yml. Add a successful real GitHub Actions run ID or URL to"
                + " 060-ci/workflow-evidence.md.");
        repo.write("kitty-specs/060-ci/workflow-evidence.md", "https://github.com/acme/app/actions/runs/123456789\n");
        assertThat(sim.api("accept-mission", "--mission", "060-ci", "--actor", "lead").ok()).isTrue();
    }

    @Test
    void executableFindsTheMainCheckoutFromALaneWorktree() throws Exception {
        repo.mission("070-lanes", null, "main", true, TestRepo.wp("WP01", List.of(), "T009"));
        Path ws = Path.of(sim.start("070-lanes", "WP01", "impl").data().get("workspace_path").asText());
        ProcessBuilder pb = new ProcessBuilder(SimulatedHostExecutable.path().toString(), "agent", "tasks",
                "mark-status", "T009", "--status", "done", "--mission", "070-lanes").directory(ws.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("SPECIFY_REPO_ROOT");
        pb.environment().remove("SPEC_KITTY_REPO_ROOT");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(sim.host.subtaskMarks("070-lanes", "WP01")).containsExactly("T009");
        assertThat(ws.resolve("kitty-specs/070-lanes/status.events.jsonl")).doesNotExist();
    }

    @Test
    void corruptStateCrashesLikeTheHost() {
        repo.write("kitty-specs/" + M + "/status.events.jsonl", "{\"event_type\": \"lane_transition\", \"wp_id\":"
                + " \"WP01\", \"from_lane\": \"planned\", \"to_lane\": \"limbo\", \"actor\": \"x\"}\n");
        Sim.Call unknownLane = sim.api("mission-state", "--mission", M);
        assertThat(unknownLane.exit()).isEqualTo(1);
        assertThat(unknownLane.stdout()).isEmpty();
        assertThat(unknownLane.stderr()).contains("Unknown lane: 'limbo'");
        repo.write("kitty-specs/" + M + "/status.events.jsonl", "not json\n");
        assertThat(sim.api("list-ready", "--mission", M).stderr()).contains("Traceback");
        repo.write("kitty-specs/" + M + "/meta.json", "{broken");
        assertThat(sim.api("mission-state", "--mission", M).stderr()).contains("JSONDecodeError");
        repo.write("kitty-specs/" + M + "/meta.json", "{}");
        repo.write("kitty-specs/" + M + "/tasks/WP01.md", "---\nwork_package_id: WP07\n---\n");
        assertThat(sim.api("list-ready", "--mission", M).stderr()).contains("WP id mismatch");
    }

    @Test
    void providerVersionsCompareLikePep440() {
        for (String ok : List.of("0.1.0", "v0.1.0", "1.2.3rc1", "1.2.3-rc.1", "0.1", "0.1.0.post1", "2!0.0.1")) {
            assertThat(sim.api("contract-version", "--provider-version", ok).ok()).as(ok).isTrue();
        }
        for (String low : List.of("0.1.0a1", "0.1.0.dev3", "0.0.9", "0.0.1")) {
            Sim.Call c = sim.api("contract-version", "--provider-version", low);
            assertThat(c.code()).as(low).isEqualTo("CONTRACT_VERSION_MISMATCH");
            assertThat(c.message()).isEqualTo("Provider version '" + low + "' is below minimum '0.1.0'");
        }
        for (String bad : List.of("", "one.two", "1.2.3-banana")) {
            Sim.Call c = sim.api("contract-version", "--provider-version", bad);
            assertThat(c.message()).as(bad).isEqualTo("Provider version '" + bad + "' is not a valid version string");
            List<String> keys = new ArrayList<>();
            c.data().fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("provider_version", "message");
        }
    }

    @Test
    void resolveWorkspaceComputesPathsWithoutCreatingThem() {
        Sim.Call c = sim.api("resolve-workspace", "--mission", "demo", "--wp", "WP02");
        assertThat(c.data().get("workspace_path").asText()).isEqualTo(repo.root.resolve(".worktrees/demo-WP02")
                .toString());
        assertThat(c.data().get("prompt_path").asText()).endsWith("tasks/WP02-titled.md");
        assertThat(c.data().has("lane_id")).isFalse();
        assertThat(repo.root.resolve(".worktrees")).doesNotExist();
    }
}
