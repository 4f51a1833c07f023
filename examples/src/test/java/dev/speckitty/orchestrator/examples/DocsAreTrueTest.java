package dev.speckitty.orchestrator.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.RawEnvelope;
import dev.speckitty.orchestrator.client.error.ErrorCode;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.error.UnsupportedByHostException;
import dev.speckitty.orchestrator.client.model.DoneEvidence;
import dev.speckitty.orchestrator.client.model.ResolveWorkspaceRequest;
import dev.speckitty.orchestrator.client.model.ReviewResult;
import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.client.Vocabulary;
import dev.speckitty.orchestrator.testkit.host.HostProfile;
import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.spi.AgentChoice;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentSelector;
import dev.speckitty.orchestrator.core.spi.FailureContext;
import dev.speckitty.orchestrator.core.spi.FailurePhase;
import dev.speckitty.orchestrator.core.spi.ParsedVerdict;
import dev.speckitty.orchestrator.core.spi.RetryDecision;
import dev.speckitty.orchestrator.core.spi.RetryPolicy;
import dev.speckitty.orchestrator.core.spi.ReviewOutput;
import dev.speckitty.orchestrator.core.spi.ReviewVerdictParser;
import dev.speckitty.orchestrator.core.spi.ScheduleContext;
import dev.speckitty.orchestrator.core.spi.SelectionContext;
import dev.speckitty.orchestrator.core.spi.WorkScheduler;
import dev.speckitty.orchestrator.core.strategy.RetryPolicies;
import dev.speckitty.orchestrator.core.strategy.ReviewVerdictParsers;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Optional;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.client.model.TransitionRequest;
import dev.speckitty.orchestrator.client.policy.ApprovalMode;
import dev.speckitty.orchestrator.client.policy.InvalidPolicyException;
import dev.speckitty.orchestrator.client.policy.NetworkMode;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.client.policy.PolicyRules;
import dev.speckitty.orchestrator.client.policy.SandboxMode;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportOption;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks statements and snippets of docs/ against the code, so the docs cannot silently drift. */
class DocsAreTrueTest {
    /** The fixed --prompt value of gemini and qwen, quoted in agents.md. */
    private static final String GEMINI_INSTRUCTION =
            "Carry out the instructions given above on standard input. Work without asking questions.";
    private static final Path DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs");

    @Test
    void theErrorTableOfErrorsMdMatchesTheErrorCodeEnumAndTheExceptionClasses() throws IOException {
        Set<ErrorCode> documented = EnumSet.noneOf(ErrorCode.class);
        boolean inTable = false;
        for (String line : Files.readAllLines(DOCS.resolve("errors.md"))) {
            if (line.startsWith("| `error_code` |")) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (cells[1].contains("anything else")) {
                continue;
            }
            String exceptionClass = cells[2].replace("`", "").strip();
            String category = cells[3].replace("`", "").strip();
            boolean stateDependent = cells[4].strip().equals("yes");
            for (ErrorCode code : codesIn(cells[1])) {
                documented.add(code);
                HostErrorException e = HostErrorException.of(new HostErrorException.Details(
                        code.name(), "orchestrator-api.x", "corr-1", "1.3.0", "m", Map.of(), 1));
                assertThat(e.getClass().getSimpleName()).as("class of %s", code).isEqualTo(exceptionClass);
                assertThat(code.category().name()).as("category of %s", code).isEqualTo(category);
                assertThat(code.isStateDependent()).as("state dependence of %s", code).isEqualTo(stateDependent);
            }
        }
        assertThat(documented).containsAll(EnumSet.complementOf(EnumSet.of(ErrorCode.UNKNOWN)));
    }

    private static List<ErrorCode> codesIn(String cell) {
        List<ErrorCode> codes = new ArrayList<>();
        for (String part : cell.replace("`", "").split(",")) {
            String name = part.replaceAll("\\(.*\\)", "").strip();
            if (name.endsWith("_*")) {
                for (ErrorCode c : ErrorCode.values()) {
                    if (c.name().startsWith(name.substring(0, name.length() - 1))) {
                        codes.add(c);
                    }
                }
            } else {
                codes.add(ErrorCode.valueOf(name));
            }
        }
        return codes;
    }

    @Test
    void theMonkeySurpriseOfClientMdIsReal() {
        assertThatThrownBy(() -> PolicyMetadata.builder()
                .orchestratorId("acme-orchestrator").orchestratorVersion("1.0.0").agentFamily("monkey")
                .approvalMode(ApprovalMode.FULL_AUTO).sandboxMode(SandboxMode.WORKSPACE_WRITE)
                .networkMode(NetworkMode.NONE).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("--policy field 'agent_family' appears to contain a secret (matched pattern:"
                        + " token|secret|key|password|credential). Do not pass secrets via --policy.");
        PolicyMetadata ok = PolicyMetadata.builder()
                .orchestratorId("acme-orchestrator").orchestratorVersion("1.0.0").agentFamily("claude")
                .approvalMode(ApprovalMode.FULL_AUTO).sandboxMode(SandboxMode.WORKSPACE_WRITE)
                .networkMode(NetworkMode.NONE).addDangerousFlag("--sandbox=danger-full-access")
                .toolRestrictions("read-only git").build();
        assertThat(PolicyRules.check(ok.toJson())).isEmpty();
        assertThat(PolicyRules.check(ok.toJson().replace("claude", "turkey"))).isPresent();
    }

    @Test
    void transitionRequestsRefuseWhatCanNeverSucceed() {
        assertThatThrownBy(() -> TransitionRequest.builder().mission("m").wp("WP01").to(Lane.FOR_REVIEW)
                .actor("a").build()).hasMessageContaining("requires a policy");
        assertThatThrownBy(() -> TransitionRequest.builder().mission("m").wp("WP01").to(Lane.BLOCKED)
                .actor("a").force(true).build()).hasMessageContaining("non-blank note");
        assertThatThrownBy(() -> TransitionRequest.builder().mission("m").wp("WP1").to(Lane.BLOCKED)
                .actor("a").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRawEscapeHatchAndTheWrappingTransportWorkAsShown() {
        try (TestProject project = TestProject.create()) {
            GeneratedMission mission = project.addMission(MissionGenerator.builder().workPackages(2).build());
            SimulatedHost host = SimulatedHost.builder().projectRoot(project.root()).build();
            OrchestratorTransport delegate = host.transport();
            List<String> seen = new ArrayList<>();
            OrchestratorTransport logging = request -> {
                TransportResponse response = delegate.execute(request);
                seen.add(request.command() + " -> exit " + response.exitCode());
                return response;
            };
            try (OrchestratorClient client = OrchestratorClient.builder().transport(logging)
                    .projectRoot(project.root()).build()) {
                RawEnvelope ok = client.raw().execute("mission-state",
                        TransportOption.of("mission", mission.directoryName()));
                assertThat(ok.success()).isTrue();
                assertThat(ok.data()).containsKey("work_packages");
                RawEnvelope missing = client.raw().execute("mission-state", TransportOption.of("mission", "nope"));
                assertThat(missing.success()).isFalse();
                assertThat(missing.errorCode()).contains("MISSION_NOT_FOUND");
                assertThat(missing.data().get("message")).isEqualTo("Mission 'nope' not found in kitty-specs/");
            }
            assertThat(seen).containsExactly("mission-state -> exit 0", "mission-state -> exit 1");
        }
    }

    @Test
    void theVersionGatesOfClientMdAndCompatibilityMdHold() {
        try (TestProject project = TestProject.create()) {
            String m = project.addMission(MissionGenerator.builder().workPackages(2).build()).directoryName();
            TransitionRequest withReview = TransitionRequest.builder().mission(m).wp("WP01").to(Lane.BLOCKED)
                    .actor("a").reviewResult(ReviewResult.builder().reviewer("r").verdict(ReviewVerdict.APPROVED)
                            .reference("ref").build()).build();
            TransitionRequest withEvidence = TransitionRequest.builder().mission(m).wp("WP01").to(Lane.BLOCKED)
                    .actor("a").evidence(DoneEvidence.ofReview("r", ReviewVerdict.APPROVED, "ref")).build();

            try (OrchestratorClient v11 = clientFor(project, HostProfile.V1_1_0)) {
                assertThatThrownBy(() -> v11.resolveWorkspace(ResolveWorkspaceRequest.of(m, "WP01")))
                        .isInstanceOf(UnsupportedByHostException.class).hasMessageContaining(">= 1.2.0");
                assertThat(v11.hostInfo().vocabulary()).isEqualTo(Vocabulary.MISSION); // 1.1.0+: no probe needed
            }
            try (OrchestratorClient v12 = clientFor(project, HostProfile.V1_2_0)) {
                assertThat(v12.resolveWorkspace(ResolveWorkspaceRequest.of(m, "WP01")).wpId()).isEqualTo("WP01");
                assertThatThrownBy(() -> v12.transition(withReview))
                        .isInstanceOf(UnsupportedByHostException.class).hasMessageContaining(">= 1.3.0");
            }
            try (OrchestratorClient feature = clientFor(project, HostProfile.V1_0_0_FEATURE)) {
                assertThat(feature.hostInfo().vocabulary()).isEqualTo(Vocabulary.AUTO);
                assertThat(feature.missionState(m).identity().missionSlug()).isEqualTo(m);
                assertThat(feature.hostInfo().vocabulary()).isEqualTo(Vocabulary.FEATURE);
                assertThatThrownBy(() -> feature.transition(withEvidence))
                        .isInstanceOf(UnsupportedByHostException.class).hasMessageContaining("feature-era");
            }
        }
    }

    private static OrchestratorClient clientFor(TestProject project, HostProfile profile) {
        SimulatedHost host = SimulatedHost.builder().projectRoot(project.root()).profile(profile).build();
        return OrchestratorClient.builder().transport(host.transport()).projectRoot(project.root()).build();
    }

    @Test
    void theEventTableOfEngineMdListsEveryEventType() throws IOException {
        String doc = Files.readString(DOCS.resolve("engine.md"));
        for (EventType t : EventType.values()) {
            assertThat(doc).as("engine.md documents %s", t).contains("| `" + t.name() + "`");
        }
    }

    @Test
    void theCommandLinesOfAgentsMdAreWhatTheAdaptersBuild() throws IOException {
        int checked = 0;
        for (String line : Files.readAllLines(DOCS.resolve("agents.md"))) {
            if (!line.startsWith("| `") || line.contains("| id (aliases)")) {
                continue;
            }
            String[] cells = line.split(" \\| ");
            String id = cells[0].substring(3, cells[0].indexOf('`', 3));
            if (!AgentAdapters.isBuiltIn(id) || cells.length < 4) {
                continue;
            }
            for (AgentRole role : AgentRole.values()) {
                String cell = cells[role == AgentRole.IMPLEMENTER ? 2 : 3].strip();
                if (!cell.startsWith("`")) {
                    continue; // prose ("same as implementer")
                }
                AgentInvocation in = AgentInvocation.builder().role(role).mission("m").wpId("WP01").attempt(1)
                        .workspace(Path.of("/w")).promptFile(Path.of("/p.md")).prompt("<prompt>")
                        .verdictFile(Path.of("/verdict.json")).build();
                String argv = String.join(" ", AgentAdapters.byId(id).command(in).argv())
                        .replace(GEMINI_INSTRUCTION, "\"<instruction>\"")
                        .replace("/verdict.json", "/<verdict file>");
                assertThat(argv).as("%s %s", id, role).isEqualTo(cell.substring(1, cell.length() - 1));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(21); // 11 adapters, 2 roles, augment's reviewer is prose
    }

    @Test
    void theStrategySkeletonsOfEngineMdCompileAndDoWhatTheySay() {
        // copied from engine.md
        WorkScheduler mostDependentsFirst = context -> {
            Map<String, Long> dependents = new HashMap<>();
            context.dependencies().values().forEach(deps -> deps.forEach(d -> dependents.merge(d, 1L, Long::sum)));
            return context.candidates().stream()
                    .sorted(Comparator.comparing((String wp) -> -dependents.getOrDefault(wp, 0L)))
                    .toList();
        };
        AgentSelector selector = context -> context.role() == AgentRole.REVIEWER
                ? Optional.of(AgentChoice.of("codex")).filter(c -> !context.agentsTried().contains(c.agent()))
                : context.agentHint().or(() -> Optional.of("claude-code"))
                        .filter(a -> !context.agentsTried().contains(a)).map(AgentChoice::of);
        ReviewVerdictParser thumbs = output -> {
            String text = output.stdout();
            if (text.contains("\uD83D\uDC4D")) return ParsedVerdict.of(ReviewVerdict.APPROVED, "", "thumbs");
            if (text.contains("\uD83D\uDC4E")) return ParsedVerdict.of(ReviewVerdict.CHANGES_REQUESTED, text, "thumbs");
            return ReviewVerdictParsers.standard().parse(output);
        };
        RetryPolicy policy = failure -> {
            if (failure.agentFailure().filter(f -> f == AgentFailure.RATE_LIMIT).isPresent()) {
                return RetryDecision.retry(Duration.ofMinutes(1), "rate limited");
            }
            return RetryPolicies.standard(2, Duration.ofSeconds(5), Duration.ofMinutes(2)).decide(failure);
        };

        assertThat(mostDependentsFirst.order(ScheduleContext.builder().candidates(List.of("WP02", "WP03"))
                .dependencies(Map.of("WP02", List.of(), "WP03", List.of(), "WP04", List.of("WP03"))).build()))
                .containsExactly("WP03", "WP02");
        assertThat(selector.select(SelectionContext.builder().wpId("WP01").role(AgentRole.REVIEWER)
                .addAgentsTried("codex").build())).isEmpty();
        assertThat(selector.select(SelectionContext.builder().wpId("WP01").role(AgentRole.IMPLEMENTER)
                .agentHint("gemini").build())).contains(AgentChoice.of("gemini"));
        assertThat(thumbs.parse(ReviewOutput.builder().agent("a").stdout("VERDICT: APPROVED").build()).verdict())
                .contains(ReviewVerdict.APPROVED);
        assertThat(thumbs.parse(ReviewOutput.builder().agent("a").stdout("no idea").build()).verdict()).isEmpty();
        assertThat(policy.decide(FailureContext.builder().wpId("WP01").phase(FailurePhase.IMPLEMENTATION)
                .agentFailure(AgentFailure.RATE_LIMIT).build()).action()).isEqualTo(RetryDecision.Action.RETRY);
    }
}
