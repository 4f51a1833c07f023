package dev.speckitty.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.client.model.Lane;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostConfig;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import dev.speckitty.orchestrator.client.spi.OrchestratorTransport;
import dev.speckitty.orchestrator.client.spi.TransportRequest;
import dev.speckitty.orchestrator.client.spi.TransportResponse;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.state.RunStatus;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at the API level: the caller gets one clear message (what, where, how to fix) as an exception message
 * or the report's failure reason; never a bare stack trace or an internal exception name as the only text, and the
 * project's files stay as they were.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {
    @TempDir
    Path work;

    /** Runs {@code action}; returns the text a user would see (exception message or report failure reason). */
    private static String userText(Supplier<RunReport> action) {
        try {
            RunReport r = action.get();
            assertThat(r.status()).as("a bad input must not give a completed run").isNotEqualTo(RunStatus.COMPLETED);
            return r.failureReason().orElse("") + " " + r.stuck();
        } catch (RuntimeException e) {
            assertThat(e.getMessage()).as("exception %s must carry a message", e.getClass().getName()).isNotBlank();
            assertThat(e).as("a clear error, not a programming error").isNotInstanceOf(NullPointerException.class)
                    .isNotInstanceOf(ClassCastException.class).isNotInstanceOf(IndexOutOfBoundsException.class);
            return e.getMessage();
        }
    }

    private static void assertClear(String text, String... mustMention) {
        try { // kept for docs/reliability.md: what the user actually reads
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bad-input-messages.txt"), text.replace('\n', ' ') + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(text).doesNotContain("\tat ").doesNotContain("Exception:");
        for (String m : mustMention) {
            assertThat(text).containsIgnoringCase(m);
        }
    }

    private Harness harness() {
        return new Harness(work, Harness.fanOut3()).inProcessHost(Duration.ofSeconds(10), List.of());
    }

    @Test
    void unknownAgentIdIsAConfigurationErrorBeforeAnyHostChange() {
        try (Harness h = harness()) {
            String text = userText(() -> h.run(h.options(List.of("no-such-agent"), List.of("rev")).build(),
                    List.of(h.agent("impl", AgentScenario.builder().build()),
                            h.agent("rev", AgentScenario.builder().build()))));
            assertClear(text, "no-such-agent", "implementationAgents");
            assertThat(h.agents().records()).isEmpty();
            // before the fix the engine claimed WP01 on the host and then blocked it for a typo
            for (String wp : h.mission.workPackageIds()) {
                assertThat(h.host.lane(h.mission.directoryName(), wp)).as(wp).isEqualTo(Lane.PLANNED);
            }
            assertThat(h.host.callCount("start-implementation")).isZero();
        }
    }

    @Test
    void missionThatDoesNotExist() {
        try (Harness h = harness()) {
            String text = userText(() -> h.engine(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", AgentScenario.builder().build()),
                            h.agent("rev", AgentScenario.builder().build())), work.resolve("s.json"))
                    .run(RunRequest.of("999-no-such-mission")));
            assertClear(text, "999-no-such-mission");
        }
    }

    @Test
    void ambiguousMission() {
        try (Harness h = harness()) {
            h.project.addMission(MissionGenerator.builder().slug("rel").seed(99).workPackages(1).build());
            String text = userText(() -> h.engine(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", AgentScenario.builder().build()),
                            h.agent("rev", AgentScenario.builder().build())), work.resolve("s.json"))
                    .run(RunRequest.of("rel")));
            assertClear(text, "rel");
            assertThat(text.toLowerCase()).containsAnyOf("ambiguous", "several", "multiple", "matches");
        }
    }

    @Test
    void policyWithASecretLikeValue() {
        String text;
        try {
            PolicyMetadata.builder().orchestratorId("rel").orchestratorVersion("1").agentFamily("claude")
                    .approvalMode("full_auto").sandboxMode("workspace_write").networkMode("none")
                    .toolRestrictions("token=abc123").build();
            text = "accepted";
        } catch (RuntimeException e) {
            text = e.getMessage();
        }
        assertClear(text, "tool_restrictions");
        assertThat(text).doesNotContain("abc123"); // the secret itself is never echoed
    }

    @Test
    void missingHostExecutable() {
        try (Harness h = harness()) {
            h.client = OrchestratorClient.builder().executable(work.resolve("no/spec-kitty").toString())
                    .projectRoot(h.project.root()).callTimeout(Duration.ofSeconds(10)).build();
            String text = userText(() -> h.run(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", AgentScenario.builder().build()),
                            h.agent("rev", AgentScenario.builder().build()))));
            assertClear(text, "spec-kitty");
        }
    }

    @Test
    void notAGitRepository() throws Exception {
        try (Harness h = harness()) {
            Path plain = Files.createDirectories(work.resolve("plain"));
            String dir = Harness.fanOut3().write(plain).directoryName();
            h.host = SimulatedHost.builder().projectRoot(plain).config(SimulatedHostConfig.defaults()).build();
            h.client = OrchestratorClient.builder().transport(h.host.transport()).projectRoot(plain)
                    .callTimeout(Duration.ofSeconds(10)).build();
            String text = userText(() -> h.engine(h.options(List.of("impl"), List.of("rev")).projectRoot(plain)
                    .build(), List.of(h.agent("impl", AgentScenario.builder().build()),
                            h.agent("rev", AgentScenario.builder().build())), work.resolve("s.json"))
                    .run(RunRequest.of(dir)));
            assertClear(text, "git");
            assertThat(h.agents().records()).isEmpty();
            assertThat(plain.resolve("kitty-specs").resolve(dir).resolve("tasks")).isDirectory();
        }
    }

    @Test
    void missingPromptFile() {
        try (Harness h = new Harness(work, Harness.fanOut3())) {
            h.wrappedHost(Duration.ofSeconds(10), inner -> new OrchestratorTransport() {
                @Override
                public TransportResponse execute(TransportRequest request) {
                    TransportResponse r = inner.execute(request);
                    String out = r.stdout().replaceAll("\"prompt_path\"\\s*:\\s*\"[^\"]*\"",
                            "\"prompt_path\": \"" + h.project.root().resolve("kitty-specs/gone/WP01.md") + "\"");
                    return TransportResponse.of(r.exitCode(), out, r.stderr());
                }
            });
            RunReport report = h.run(h.options(List.of("impl"), List.of("rev")).build(),
                    List.of(h.agent("impl", AgentScenario.builder().build()),
                            h.agent("rev", AgentScenario.builder().build())));
            h.checkInvariants(report);
            assertThat(report.status()).isNotEqualTo(RunStatus.COMPLETED);
            String why = report.workPackage("WP01").orElseThrow().lastError().orElse("");
            assertClear(why, "prompt");
            assertThat(h.agents().records()).as("no agent runs without its prompt").isEmpty();
        }
    }

    @Test
    void malformedMissionSelectors() {
        try (Harness h = harness()) {
            for (String bad : List.of("../../etc", "--force", "a b", "")) {
                String text = userText(() -> h.engine(h.options(List.of("impl"), List.of("rev")).build(),
                        List.of(h.agent("impl", AgentScenario.builder().build()),
                                h.agent("rev", AgentScenario.builder().build())), work.resolve("s.json"))
                        .run(RunRequest.of(bad)));
                assertClear(text);
                assertThat(text).as("error for mission '%s'", bad).isNotBlank().doesNotContain("no adapter");
            }
            assertThat(h.project.isClean()).isTrue();
        }
    }
}
