package dev.speckitty.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.model.AcceptMissionRequest;
import dev.speckitty.orchestrator.client.model.AppendHistoryRequest;
import dev.speckitty.orchestrator.client.model.ContractVersionRequest;
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
import dev.speckitty.orchestrator.client.policy.InvalidPolicyException;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.client.policy.PolicyRules;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.support.Calls;
import dev.speckitty.orchestrator.client.support.CannedTransport;
import dev.speckitty.orchestrator.client.support.Contract;
import dev.speckitty.orchestrator.client.support.Results;
import dev.speckitty.orchestrator.client.support.Transcript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real-host transcript: its command line is rebuilt as a typed request, the client sends it through a canned
 * transport that answers with the recorded exit code, stdout and stderr, and the outcome must decode exactly.
 */
class TranscriptDecodingTest {
    private static final java.util.Set<String> JSON_OPTIONS = java.util.Set.of("policy", "review-result-json",
            "evidence-json");

    static Stream<Transcript> transcripts() {
        return Contract.transcripts().stream().filter(p -> !p.getFileName().toString().equals("README.md"))
                .map(Transcript::parse);
    }

    /** A typed request rebuilt from a transcript, and whether it reproduces the transcript's options exactly. */
    static final class Rebuilt {
        final Function<OrchestratorClient, Object> call;
        final boolean exact;
        final Optional<InvalidPolicyException> policyRejection;

        Rebuilt(Function<OrchestratorClient, Object> call, boolean exact, Optional<InvalidPolicyException> rejection) {
            this.call = call;
            this.exact = exact;
            this.policyRejection = rejection;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void decodes(Transcript t) {
        Rebuilt rebuilt = rebuild(t);
        CannedTransport transport = CannedTransport.always(t.exitCode, t.stdout, t.stderr);
        OrchestratorClientBuilder b = OrchestratorClient.builder().transport(transport)
                .projectRoot(Path.of("/home/dev/greeter"));
        if (!t.command.equals("contract-version")) {
            b.assumeContractVersion("1.3.0");
        }
        Object result = null;
        Throwable thrown;
        try (OrchestratorClient client = b.build()) {
            thrown = catchThrowable(() -> rebuilt.call.apply(client));
            if (thrown == null) {
                result = rebuilt.call.apply(client);
            }
        }
        assertThat(transport.requests()).isNotEmpty();
        assertThat(transport.last().command()).isEqualTo(t.command);
        if (rebuilt.exact) {
            assertSameOptions(transport.last(), t);
        }

        if (t.stdout.isBlank()) {
            assertThat(thrown).isInstanceOf(NoEnvelopeException.class);
            NoEnvelopeException e = (NoEnvelopeException) thrown;
            assertThat(e.exitCode()).isEqualTo(t.exitCode);
            assertThat(e.command()).isEqualTo(t.command);
            assertThat(e.stderrHead()).isEqualTo(t.stderr).contains("Traceback");
            assertThat(e.stdoutHead()).isEqualTo(t.stdout);
            String lastLine = t.stderr.strip().lines().reduce((a, c) -> c).orElseThrow();
            // the message names the actual Python error (the end of the traceback), not box-drawing noise
            assertThat(e.getMessage()).contains("exited with code " + t.exitCode).contains(lastLine)
                    .containsPattern("(Type|FileNotFound)Error: ").doesNotContain("\u2502")
                    .contains("re-read mission-state");
            return;
        }
        JsonNode env = lastJsonLine(t.stdout);
        if (env.get("success").asBoolean()) {
            assertThat(thrown).as("success transcript must not throw").isNull();
            Results.checkSuccess(result, env);
        } else {
            assertThat(thrown).isInstanceOf(HostErrorException.class);
            Results.checkFailure((HostErrorException) thrown, env, t.exitCode);
            rebuilt.policyRejection.ifPresent(p -> {
                // The client-side check refuses the same policy with the host's exact message.
                assertThat(env.get("error_code").asText()).isEqualTo("POLICY_VALIDATION_FAILED");
                assertThat(p.getMessage()).isEqualTo(env.get("data").get("message").asText());
            });
        }
    }

    @Test
    void coversEveryCommandAndTheSpecialCases() {
        List<Transcript> all = transcripts().collect(Collectors.toList());
        assertThat(all).hasSizeGreaterThanOrEqualTo(86);
        assertThat(all).extracting(t -> t.command).contains("contract-version", "mission-state", "list-ready",
                "start-implementation", "start-review", "transition", "append-history", "accept-mission",
                "merge-mission");
        assertThat(all).filteredOn(t -> t.stdout.isBlank()).extracting(t -> t.file.substring(0, 3))
                .containsExactlyInAnyOrder("079", "109");
        Transcript merge = all.stream().filter(t -> t.file.startsWith("083")).findFirst().orElseThrow();
        assertThat(merge.stdout.lines().findFirst().orElseThrow()).startsWith("Deleted branch");
        // the rebuilt requests reproduce most command lines exactly
        assertThat(all.stream().filter(t -> rebuild(t).exact).count()).isGreaterThanOrEqualTo(all.size() - 6);
    }

    @Test
    void policyRejectionsFoundClientSideMatchTheHost() {
        List<Transcript> rejected = transcripts().filter(t -> rebuild(t).policyRejection.isPresent())
                .collect(Collectors.toList());
        assertThat(rejected).extracting(t -> t.file.substring(0, 3)).containsExactlyInAnyOrder("021", "022");
    }

    /** The host treats an empty {@code repos}/{@code verification} list like an absent one; the client omits it. */
    static JsonNode withoutEmptyArrays(JsonNode node) {
        if (node.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).properties()
                    .removeIf(e -> e.getValue().isArray() && e.getValue().isEmpty());
        }
        return node;
    }

    static JsonNode lastJsonLine(String stdout) {
        List<String> lines = stdout.lines().filter(l -> l.startsWith("{")).collect(Collectors.toList());
        return Results.json(lines.get(lines.size() - 1));
    }

    private static void assertSameOptions(TransportRequest sent, Transcript t) {
        Comparator<TransportOption> byName = Comparator.comparing(TransportOption::name);
        List<TransportOption> expected = t.options.stream()
                .map(o -> o.value == null ? TransportOption.flag(o.name) : TransportOption.of(o.name, o.value))
                .sorted(byName).collect(Collectors.toList());
        List<TransportOption> actual = new ArrayList<>(sent.options());
        actual.sort(byName);
        assertThat(actual).extracting(TransportOption::name)
                .containsExactlyElementsOf(expected.stream().map(TransportOption::name).collect(Collectors.toList()));
        for (int i = 0; i < expected.size(); i++) {
            TransportOption e = expected.get(i);
            TransportOption a = actual.get(i);
            if (JSON_OPTIONS.contains(e.name())) {
                assertThat(Results.json(a.value().orElseThrow())).as(e.name())
                        .isEqualTo(e.name().equals("evidence-json")
                                ? withoutEmptyArrays(Results.json(e.value().orElseThrow()))
                                : Results.json(e.value().orElseThrow()));
            } else {
                assertThat(a.value()).as(e.name()).isEqualTo(e.value());
            }
        }
    }

    /** Rebuilds the typed request; where the typed API cannot express the line, uses the nearest valid request. */
    static Rebuilt rebuild(Transcript t) {
        String m = t.option("mission").orElse("unused-mission");
        boolean[] exact = {true};
        Optional<InvalidPolicyException> rejection = Optional.empty();
        PolicyMetadata policy = Calls.POLICY;
        if (t.option("policy").isPresent()) {
            try {
                policy = policyFrom(Results.json(t.option("policy").get()));
            } catch (InvalidPolicyException e) {
                rejection = Optional.of(e);
                assertThat(PolicyRules.check(t.option("policy").get())).get()
                        .satisfies(v -> assertThat(v.message()).isEqualTo(e.getMessage()));
                exact[0] = false;
            }
        } else if (t.command.startsWith("start-")) {
            exact[0] = false; // the typed API always sends a policy
        }
        PolicyMetadata p = policy;
        String wp = t.option("wp").orElse("WP01");
        String actor = t.option("actor").orElse("actor");
        Function<OrchestratorClient, Object> call;
        switch (t.command) {
            case "contract-version":
                call = c -> c.contractVersion(ContractVersionRequest.builder()
                        .providerVersion(t.option("provider-version")).build());
                break;
            case "mission-state":
                call = c -> c.missionState(MissionStateRequest.of(m));
                break;
            case "list-ready":
                call = c -> c.listReady(ListReadyRequest.of(m));
                break;
            case "resolve-workspace":
                call = c -> c.resolveWorkspace(ResolveWorkspaceRequest.of(m, wp));
                break;
            case "start-implementation":
                call = c -> c.startImplementation(StartImplementationRequest.builder().mission(m).wp(wp).actor(actor)
                        .policy(p).build());
                break;
            case "start-review":
                call = c -> c.startReview(StartReviewRequest.builder().mission(m).wp(wp).actor(actor).policy(p)
                        .reviewRef(t.option("review-ref")).build());
                break;
            case "transition": {
                TransitionRequest.Builder b = TransitionRequest.builder().mission(m).wp(wp).actor(actor);
                Lane to = t.option("to").map(Lane::fromWire).orElse(Lane.UNKNOWN);
                if (to == Lane.UNKNOWN) {
                    exact[0] = false;
                    to = Lane.FOR_REVIEW;
                }
                b.to(to).note(t.option("note")).reviewRef(t.option("review-ref")).force(t.has("force"))
                        .subtasksComplete(t.has("subtasks-complete"))
                        .implementationEvidencePresent(t.has("implementation-evidence-present"));
                if (t.has("policy") || to.requiresPolicy()) {
                    b.policy(p);
                }
                t.option("review-result-json").map(Results::json).ifPresent(j -> b.reviewResult(ReviewResult.builder()
                        .reviewer(j.get("reviewer").asText()).verdict(ReviewVerdict.fromWire(j.get("verdict").asText()))
                        .reference(j.get("reference").asText()).build()));
                if (t.option("evidence-json").isPresent()) {
                    Optional<DoneEvidence> ev = evidenceFrom(Results.json(t.option("evidence-json").get()));
                    ev.ifPresent(b::evidence);
                    if (ev.isEmpty()) {
                        exact[0] = false;
                    }
                }
                TransitionRequest request = b.build();
                call = c -> c.transition(request);
                break;
            }
            case "append-history":
                call = c -> c.appendHistory(AppendHistoryRequest.of(m, wp, actor, t.option("note").orElse("")));
                break;
            case "accept-mission":
                call = c -> c.acceptMission(AcceptMissionRequest.of(m, actor));
                break;
            case "merge-mission": {
                MergeMissionRequest.Builder b = MergeMissionRequest.builder().mission(m).target(t.option("target"))
                        .push(t.has("push"));
                Optional<MergeStrategy> s = t.option("strategy").map(MergeStrategy::fromWire);
                if (s.filter(x -> x == MergeStrategy.UNKNOWN).isPresent()) {
                    exact[0] = false; // e.g. 'octopus': the typed API cannot send it; the host refuses it anyway
                } else {
                    b.strategy(s);
                }
                MergeMissionRequest request = b.build();
                call = c -> c.mergeMission(request);
                break;
            }
            default:
                throw new AssertionError("no client method for " + t.command);
        }
        if (t.command.equals("transition") && !t.has("to")) {
            exact[0] = false;
        }
        return new Rebuilt(call, exact[0], rejection);
    }

    static PolicyMetadata policyFrom(JsonNode j) {
        PolicyMetadata.Builder b = PolicyMetadata.builder()
                .orchestratorId(j.get("orchestrator_id").asText())
                .orchestratorVersion(j.get("orchestrator_version").asText())
                .agentFamily(j.get("agent_family").asText())
                .approvalMode(j.get("approval_mode").asText())
                .sandboxMode(j.get("sandbox_mode").asText())
                .networkMode(j.get("network_mode").asText())
                .dangerousFlags(Results.strings(j.get("dangerous_flags")));
        if (j.hasNonNull("tool_restrictions")) {
            b.toolRestrictions(j.get("tool_restrictions").asText());
        }
        return b.build();
    }

    static Optional<DoneEvidence> evidenceFrom(JsonNode j) {
        JsonNode review = j.get("review");
        DoneEvidence.Builder b = DoneEvidence.builder().review(DoneEvidence.Review.of(review.get("reviewer").asText(),
                ReviewVerdict.fromWire(review.get("verdict").asText()), review.get("reference").asText()));
        for (JsonNode r : j.path("repos")) {
            b.addRepos(DoneEvidence.Repo.of(r.get("repo").asText(), r.get("branch").asText(),
                    r.get("commit").asText(), Results.strings(r.get("files_touched"))));
        }
        for (JsonNode v : j.path("verification")) {
            if (!v.has("summary")) {
                return Optional.empty(); // the host crashes on it (transcript 109); the typed API cannot build it
            }
            b.addVerification(DoneEvidence.Verification.of(v.get("command").asText(), v.get("result").asText(),
                    v.get("summary").asText()));
        }
        return Optional.of(b.build());
    }

}
