package dev.speckitty.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.DoneEvidence;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.ListReadyRequest;
import dev.speckitty.orchestrator.client.model.MergeMissionRequest;
import dev.speckitty.orchestrator.client.model.MergeStrategy;
import dev.speckitty.orchestrator.client.model.MissionStateRequest;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ReviewResult;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.model.StartImplementationRequest;
import dev.speckitty.orchestrator.client.model.StartReviewRequest;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.ApprovalMode;
import dev.speckitty.orchestrator.client.policy.NetworkMode;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.client.policy.PolicyRules;
import dev.speckitty.orchestrator.client.policy.SandboxMode;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.transport.ProcessTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact argv for every command and flag: requests built by the client, rendered by ProcessTransport.argv. */
class ArgvMarshallingTest {
    static final String M = "042-payments";
    static final PolicyMetadata POLICY = PolicyMetadata.builder()
            .orchestratorId("acme-orchestrator")
            .orchestratorVersion("1.0.0")
            .agentFamily("claude")
            .approvalMode(ApprovalMode.FULL_AUTO)
            .sandboxMode(SandboxMode.WORKSPACE_WRITE)
            .networkMode(NetworkMode.NONE)
            .build();
    static final String POLICY_JSON = "{\"orchestrator_id\":\"acme-orchestrator\",\"orchestrator_version\":\"1.0.0\","
            + "\"agent_family\":\"claude\",\"approval_mode\":\"full_auto\",\"sandbox_mode\":\"workspace_write\","
            + "\"network_mode\":\"none\",\"dangerous_flags\":[]}";
    static final PolicyMetadata RICH_POLICY = PolicyMetadata.builder()
            .from(POLICY)
            .addDangerousFlags("--sandbox", "danger-full-access")
            .toolRestrictions("read-only tools")
            .putExtraField("zeta", 1)
            .putExtraField("alpha", List.of("a", true))
            .build();
    static final String RICH_POLICY_JSON = "{\"orchestrator_id\":\"acme-orchestrator\",\"orchestrator_version\":"
            + "\"1.0.0\",\"agent_family\":\"claude\",\"approval_mode\":\"full_auto\",\"sandbox_mode\":"
            + "\"workspace_write\",\"network_mode\":\"none\",\"dangerous_flags\":[\"--sandbox\",\"danger-full-access\"],"
            + "\"tool_restrictions\":\"read-only tools\",\"zeta\":1,\"alpha\":[\"a\",true]}";

    static List<String> argv(String command, String... options) {
        List<String> out = new ArrayList<>(List.of("spec-kitty", "orchestrator-api", command));
        out.addAll(List.of(options));
        return out;
    }

    static TransitionRequest.Builder transition(Lane to) {
        return TransitionRequest.builder().mission(M).wp("WP01").to(to).actor("orch");
    }

    static Stream<Arguments> cases() {
        ReviewResult approved = ReviewResult.builder().reviewer("rev-1").verdict(ReviewVerdict.APPROVED)
                .reference("review-WP01-1").build();
        ReviewResult changes = ReviewResult.builder().reviewer("rev-1").verdict(ReviewVerdict.CHANGES_REQUESTED)
                .reference("r2").feedbackPath("kitty-specs/042-payments/feedback/WP01.md").build();
        DoneEvidence evidence = DoneEvidence.builder()
                .review(DoneEvidence.Review.of("rev-1", ReviewVerdict.APPROVED, "review-WP01-1"))
                .addRepos(DoneEvidence.Repo.of("shop", "kitty/lane-a", "abc123", List.of("src/a.py")))
                .addRepos(DoneEvidence.Repo.of("docs", "main", "def456", List.of()))
                .addVerification(DoneEvidence.Verification.of("make test", "pass", "5 tests OK"))
                .build();
        return Stream.of(
                Arguments.of("mission-state", call(c -> c.missionState(MissionStateRequest.of(M))),
                        argv("mission-state", "--mission=" + M)),
                Arguments.of("mission-state string", call(c -> c.missionState(M)),
                        argv("mission-state", "--mission=" + M)),
                Arguments.of("list-ready", call(c -> c.listReady(ListReadyRequest.of("01KV8NPC"))),
                        argv("list-ready", "--mission=01KV8NPC")),
                Arguments.of("list-ready string", call(c -> c.listReady(M)), argv("list-ready", "--mission=" + M)),
                Arguments.of("resolve-workspace", call(c -> c.resolveWorkspace(ResolveWorkspaceRequest.of(M, "WP07"))),
                        argv("resolve-workspace", "--mission=" + M, "--wp=WP07")),
                Arguments.of("start-implementation", call(c -> c.startImplementation(StartImplementationRequest.builder()
                                .mission(M).wp("WP01").actor("orch:claude").policy(POLICY).build())),
                        argv("start-implementation", "--mission=" + M, "--wp=WP01", "--actor=orch:claude",
                                "--policy=" + POLICY_JSON)),
                Arguments.of("start-implementation rich policy", call(c -> c.startImplementation(
                                StartImplementationRequest.builder().mission(M).wp("WP01").actor("a")
                                        .policy(RICH_POLICY).build())),
                        argv("start-implementation", "--mission=" + M, "--wp=WP01", "--actor=a",
                                "--policy=" + RICH_POLICY_JSON)),
                Arguments.of("start-review", call(c -> c.startReview(StartReviewRequest.builder()
                                .mission(M).wp("WP02").actor("rev").policy(POLICY).build())),
                        argv("start-review", "--mission=" + M, "--wp=WP02", "--actor=rev", "--policy=" + POLICY_JSON)),
                Arguments.of("start-review --review-ref", call(c -> c.startReview(StartReviewRequest.builder()
                                .mission(M).wp("WP02").actor("rev").policy(POLICY)
                                .reviewRef("https://example.invalid/pr/1").build())),
                        argv("start-review", "--mission=" + M, "--wp=WP02", "--actor=rev", "--policy=" + POLICY_JSON,
                                "--review-ref=https://example.invalid/pr/1")),
                Arguments.of("transition minimal", call(c -> c.transition(transition(Lane.BLOCKED).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=blocked", "--actor=orch")),
                Arguments.of("transition note+policy", call(c -> c.transition(transition(Lane.FOR_REVIEW)
                                .note("implementation complete").policy(POLICY).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=for_review", "--actor=orch",
                                "--note=implementation complete", "--policy=" + POLICY_JSON)),
                Arguments.of("transition --force", call(c -> c.transition(transition(Lane.PLANNED)
                                .note("reset after crash").force(true).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=planned", "--actor=orch",
                                "--note=reset after crash", "--force")),
                Arguments.of("transition review result", call(c -> c.transition(transition(Lane.DONE)
                                .reviewRef("review-WP01-1").reviewResult(approved).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=done", "--actor=orch",
                                "--review-ref=review-WP01-1",
                                "--review-result-json={\"reviewer\":\"rev-1\",\"verdict\":\"approved\","
                                        + "\"reference\":\"review-WP01-1\"}")),
                Arguments.of("transition changes requested", call(c -> c.transition(transition(Lane.IN_PROGRESS)
                                .policy(POLICY).reviewResult(changes).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=in_progress", "--actor=orch",
                                "--policy=" + POLICY_JSON,
                                "--review-result-json={\"reviewer\":\"rev-1\",\"verdict\":\"changes_requested\","
                                        + "\"reference\":\"r2\",\"feedback_path\":"
                                        + "\"kitty-specs/042-payments/feedback/WP01.md\"}")),
                Arguments.of("transition evidence", call(c -> c.transition(transition(Lane.APPROVED)
                                .policy(POLICY).evidence(evidence).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=approved", "--actor=orch",
                                "--policy=" + POLICY_JSON,
                                "--evidence-json={\"review\":{\"reviewer\":\"rev-1\",\"verdict\":\"approved\","
                                        + "\"reference\":\"review-WP01-1\"},\"repos\":[{\"repo\":\"shop\",\"branch\":"
                                        + "\"kitty/lane-a\",\"commit\":\"abc123\",\"files_touched\":[\"src/a.py\"]},"
                                        + "{\"repo\":\"docs\",\"branch\":\"main\",\"commit\":\"def456\"}],"
                                        + "\"verification\":[{\"command\":\"make test\",\"result\":\"pass\","
                                        + "\"summary\":\"5 tests OK\"}]}")),
                Arguments.of("transition review-only evidence", call(c -> c.transition(transition(Lane.DONE)
                                .evidence(DoneEvidence.ofReview("rev", ReviewVerdict.APPROVED, "ref")).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=done", "--actor=orch",
                                "--evidence-json={\"review\":{\"reviewer\":\"rev\",\"verdict\":\"approved\","
                                        + "\"reference\":\"ref\"}}")),
                Arguments.of("transition gate flags", call(c -> c.transition(transition(Lane.FOR_REVIEW)
                                .policy(POLICY).subtasksComplete(true).implementationEvidencePresent(true).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=for_review", "--actor=orch",
                                "--policy=" + POLICY_JSON, "--subtasks-complete", "--implementation-evidence-present")),
                Arguments.of("transition every option", call(c -> c.transition(transition(Lane.IN_PROGRESS)
                                .note("n").policy(POLICY).force(true).reviewRef("rr").reviewResult(changes)
                                .subtasksComplete(true).implementationEvidencePresent(true).build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=in_progress", "--actor=orch",
                                "--note=n", "--policy=" + POLICY_JSON, "--force", "--review-ref=rr",
                                "--review-result-json={\"reviewer\":\"rev-1\",\"verdict\":\"changes_requested\","
                                        + "\"reference\":\"r2\",\"feedback_path\":"
                                        + "\"kitty-specs/042-payments/feedback/WP01.md\"}",
                                "--subtasks-complete", "--implementation-evidence-present")),
                Arguments.of("append-history", call(c -> c.appendHistory(
                                AppendHistoryRequest.of(M, "WP03", "orch", "agent claude-code failed; retrying"))),
                        argv("append-history", "--mission=" + M, "--wp=WP03", "--actor=orch",
                                "--note=agent claude-code failed; retrying")),
                Arguments.of("append-history empty note", call(c -> c.appendHistory(
                                AppendHistoryRequest.of(M, "WP03", "orch", ""))),
                        argv("append-history", "--mission=" + M, "--wp=WP03", "--actor=orch", "--note=")),
                Arguments.of("accept-mission", call(c -> c.acceptMission(AcceptMissionRequest.of(M, "lead"))),
                        argv("accept-mission", "--mission=" + M, "--actor=lead")),
                Arguments.of("merge-mission default", call(c -> c.mergeMission(
                                MergeMissionRequest.builder().mission(M).build())),
                        argv("merge-mission", "--mission=" + M)),
                Arguments.of("merge-mission target strategy push", call(c -> c.mergeMission(MergeMissionRequest.builder()
                                .mission(M).target("release/1.0").strategy(MergeStrategy.SQUASH).push(true).build())),
                        argv("merge-mission", "--mission=" + M, "--target=release/1.0", "--strategy=squash", "--push")),
                Arguments.of("merge-mission rebase", call(c -> c.mergeMission(MergeMissionRequest.builder()
                                .mission(M).strategy(MergeStrategy.REBASE).build())),
                        argv("merge-mission", "--mission=" + M, "--strategy=rebase")),
                // injection attempts that are legal values stay inside one --name=value element
                Arguments.of("note that looks like a flag", call(c -> c.transition(transition(Lane.BLOCKED)
                                .note("--force").build())),
                        argv("transition", "--mission=" + M, "--wp=WP01", "--to=blocked", "--actor=orch",
                                "--note=--force")),
                Arguments.of("actor that looks like help", call(c -> c.appendHistory(
                                AppendHistoryRequest.of(M, "WP01", "--help", "--json --force"))),
                        argv("append-history", "--mission=" + M, "--wp=WP01", "--actor=--help",
                                "--note=--json --force")),
                Arguments.of("note with newline and quotes", call(c -> c.appendHistory(
                                AppendHistoryRequest.of(M, "WP01", "a", "line1\nline2 'q' \"d\" $(rm -rf /) `x`"))),
                        argv("append-history", "--mission=" + M, "--wp=WP01", "--actor=a",
                                "--note=line1\nline2 'q' \"d\" $(rm -rf /) `x`")),
                Arguments.of("review ref that looks like a flag", call(c -> c.startReview(StartReviewRequest.builder()
                                .mission(M).wp("WP02").actor("rev").policy(POLICY).reviewRef("--push").build())),
                        argv("start-review", "--mission=" + M, "--wp=WP02", "--actor=rev", "--policy=" + POLICY_JSON,
                                "--review-ref=--push")),
                Arguments.of("merge target that looks like a flag", call(c -> c.mergeMission(
                                MergeMissionRequest.builder().mission(M).target("--push").build())),
                        argv("merge-mission", "--mission=" + M, "--target=--push")));
    }

    static Consumer<OrchestratorClient> call(Consumer<OrchestratorClient> c) {
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void argvIsExact(String name, Consumer<OrchestratorClient> call, List<String> expected) {
        CannedTransport transport = CannedTransport.succeeding("1.3.0", "{}");
        try (OrchestratorClient client = client(transport)) {
            call.accept(client);
        }
        assertThat(transport.requests()).hasSize(1);
        TransportRequest request = transport.last();
        assertThat(request.projectRoot()).contains(Path.of("/tmp/project"));
        List<String> argv = ProcessTransport.builder().build().argv(request);
        assertThat(argv).containsExactlyElementsOf(expected);
        // every valued option is one element: never a separate value element that could be read as an option
        assertThat(argv.subList(3, argv.size())).allSatisfy(a -> assertThat(a).startsWith("--"));
    }

    @Test
    void contractVersionSendsProviderVersion() {
        CannedTransport transport = new CannedTransport(r -> dev.speckitty.orchestrator.client.spi.TransportResponse
                .of(0, dev.speckitty.orchestrator.client.support.Envelopes.contractVersion("1.3.0") + "\n", ""));
        try (OrchestratorClient client = OrchestratorClient.builder().transport(transport)
                .projectRoot(Path.of("/tmp/project")).providerVersion("2.5.1").build()) {
            client.contractVersion(dev.speckitty.orchestrator.client.model.ContractVersionRequest.ofClientVersion());
            client.contractVersion(dev.speckitty.orchestrator.client.model.ContractVersionRequest.builder()
                    .providerVersion("9.9.9").build());
        }
        ProcessTransport pt = ProcessTransport.builder().executable("/opt/sk/bin/spec-kitty").build();
        assertThat(transport.requests()).extracting(pt::argv).containsExactly(
                List.of("/opt/sk/bin/spec-kitty", "orchestrator-api", "contract-version", "--provider-version=2.5.1"),
                List.of("/opt/sk/bin/spec-kitty", "orchestrator-api", "contract-version", "--provider-version=9.9.9"));
    }

    static Stream<Arguments> rejected() {
        return Stream.<Arguments>of(
                Arguments.of("mission --help", (Supplier<Object>) () -> MissionStateRequest.of("--help"), "--help"),
                Arguments.of("mission -h", (Supplier<Object>) () -> ListReadyRequest.of("-h"), "-h"),
                Arguments.of("slug ../x", (Supplier<Object>) () -> MissionStateRequest.of("../x"), "../x"),
                Arguments.of("slug a/../b", (Supplier<Object>) () -> ListReadyRequest.of("a/../b"), "a/../b"),
                Arguments.of("slug with space", (Supplier<Object>) () -> MissionStateRequest.of("042 --force"),
                        "042 --force"),
                Arguments.of("wp WP01 --force", (Supplier<Object>) () -> ResolveWorkspaceRequest.of(M, "WP01 --force"),
                        "WP01 --force"),
                Arguments.of("wp --wp=WP02", (Supplier<Object>) () -> AppendHistoryRequest.of(M, "--wp=WP02", "a", "n"),
                        "--wp=WP02"),
                Arguments.of("wp lower case", (Supplier<Object>) () -> ResolveWorkspaceRequest.of(M, "wp01"), "wp01"),
                Arguments.of("actor with NUL", (Supplier<Object>) () -> AcceptMissionRequest.of(M, "a\u0000b"),
                        "control character"),
                Arguments.of("blank actor", (Supplier<Object>) () -> AcceptMissionRequest.of(M, "  "), "actor"),
                Arguments.of("force without note", (Supplier<Object>) () -> transition(Lane.PLANNED).force(true).build(),
                        "note"),
                Arguments.of("policy-gated lane without policy",
                        (Supplier<Object>) () -> transition(Lane.IN_PROGRESS).build(), "requires a policy"),
                Arguments.of("unknown lane", (Supplier<Object>) () -> transition(Lane.UNKNOWN).build(), "UNKNOWN"),
                Arguments.of("unknown strategy", (Supplier<Object>) () -> MergeMissionRequest.builder().mission(M)
                        .strategy(MergeStrategy.UNKNOWN).build(), "strategy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void injectionAndBadValuesAreRejectedBeforeAnyCall(String name, Supplier<Object> build, String mentioned) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(mentioned);
    }

    @Test
    void policyJsonUsesHostKeyOrderEvenWhenExtraFieldsAreSetFirst() {
        PolicyMetadata p = PolicyMetadata.builder()
                .putExtraField("first", "x")
                .networkMode("none").sandboxMode("read_only").approvalMode("supervised")
                .agentFamily("codex").orchestratorVersion("0.1.0").orchestratorId("o")
                .putExtraField("nested", Map.of("k", 1))
                .build();
        assertThat(p.toJson()).isEqualTo("{\"orchestrator_id\":\"o\",\"orchestrator_version\":\"0.1.0\","
                + "\"agent_family\":\"codex\",\"approval_mode\":\"supervised\",\"sandbox_mode\":\"read_only\","
                + "\"network_mode\":\"none\",\"dangerous_flags\":[],\"first\":\"x\",\"nested\":{\"k\":1}}");
    }

    private static OrchestratorClient client(CannedTransport transport) {
        return OrchestratorClient.builder().transport(transport).projectRoot(Path.of("/tmp/project"))
                .assumeContractVersion("1.3.0").build();
    }

    @Test
    void jsonOptionValuesAreAsciiOnlyAndRoundTrip() {
        PolicyMetadata policy = PolicyMetadata.builder().from(POLICY).orchestratorId("orch-\u00e9t\u00e9-\u6f22")
                .putExtraField("emoji", "\uD83D\uDE80").build();
        ReviewResult review = ReviewResult.builder().reviewer("Ren\u00e9e").verdict(ReviewVerdict.APPROVED)
                .reference("r\u00e9f").build();
        CannedTransport transport = CannedTransport.succeeding("1.3.0", "{}");
        try (OrchestratorClient client = client(transport)) {
            client.transition(transition(Lane.APPROVED).policy(policy).reviewResult(review)
                    .evidence(DoneEvidence.ofReview("Ren\u00e9e", ReviewVerdict.APPROVED, "r\u00e9f")).build());
        }
        TransportRequest r = transport.last();
        for (String name : List.of("policy", "review-result-json", "evidence-json")) {
            String value = r.option(name).orElseThrow();
            assertThat(value.chars()).as(name).allMatch(c -> c < 128);
        }
        assertThat(dev.speckitty.orchestrator.client.support.Results.json(r.option("policy").orElseThrow())
                .get("orchestrator_id").asText()).isEqualTo("orch-\u00e9t\u00e9-\u6f22");
        assertThat(dev.speckitty.orchestrator.client.support.Results.json(r.option("policy").orElseThrow())
                .get("emoji").asText()).isEqualTo("\uD83D\uDE80");
        assertThat(dev.speckitty.orchestrator.client.support.Results.json(r.option("review-result-json").orElseThrow())
                .get("reviewer").asText()).isEqualTo("Ren\u00e9e");
        assertThat(policy.toJson()).contains("\\u00E9").doesNotContain("\u00e9");
        assertThat(PolicyRules.check(policy.toJson())).isEmpty();
    }
}
