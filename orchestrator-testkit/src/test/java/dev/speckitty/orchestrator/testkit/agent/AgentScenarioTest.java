package dev.speckitty.orchestrator.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentScenarioTest {
    @TempDir
    Path dir;

    static AgentScenario full() {
        return AgentScenario.builder()
                .defaults(AgentBehavior.builder().durationMillis(25L).stdoutLines(3).build())
                .when("WP02", ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
                        .verdict(ReviewVerdict.CHANGES_REQUESTED).feedback("Add tests for {wp}.")
                        .verdictDelivery(VerdictDelivery.STDOUT).build())
                .when(null, ScriptedRole.IMPLEMENTER, null, AgentBehavior.builder().exitCode(7)
                        .files(Map.of("a/{wp}.txt", "x")).commit(true).commitMessage("m").markSubtasks(false)
                        .subtasks(List.of("T001")).stderrLines(2).stdoutBytes(100L).stderrBytes(5L)
                        .nonUtf8Output(true).stdoutText("o").stderrText("e").usage(UsageFigures.of(10, 20, 0.5))
                        .failure(SimulatedFailure.RATE_LIMIT).hang(false).readPromptFromStdin(true).build())
                .when("WP03", null, 2, AgentBehavior.builder().failure(SimulatedFailure.AUTH).build())
                .logFile("log.jsonl").promptRecordDirectory("prompts").specKittyBin("/bin/sk")
                .build();
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        AgentScenario s = full();
        String json = s.toJson();
        assertThat(json).contains("\"duration_ms\" : 25").contains("\"verdict\" : \"changes_requested\"")
                .contains("\"verdict_delivery\" : \"stdout\"").contains("\"failure\" : \"rate_limit\"")
                .contains("\"log_file\" : \"log.jsonl\"");
        assertThat(AgentScenario.fromJson(json)).isEqualTo(s);
        Path file = s.writeTo(dir.resolve("sub/scenario.json"));
        assertThat(AgentScenario.readFrom(file)).isEqualTo(s);
    }

    @Test
    void resolveOverlaysDefaultsAndMatchingRulesInOrder() {
        AgentScenario s = AgentScenario.builder()
                .defaults(AgentBehavior.builder().durationMillis(10L).exitCode(0).build())
                .when(null, ScriptedRole.REVIEWER, null, AgentBehavior.builder().exitCode(1).build())
                .when("WP02", ScriptedRole.REVIEWER, 2, AgentBehavior.builder().exitCode(2).build())
                .when("WP02", null, null, AgentBehavior.builder().durationMillis(99L).build())
                .build();
        assertThat(s.resolve("WP01", ScriptedRole.IMPLEMENTER, 1))
                .isEqualTo(AgentBehavior.builder().durationMillis(10L).exitCode(0).build());
        assertThat(s.resolve("WP01", ScriptedRole.REVIEWER, 2).exitCode()).contains(1);
        AgentBehavior wp2 = s.resolve("WP02", ScriptedRole.REVIEWER, 2);
        assertThat(wp2.exitCode()).contains(2);
        assertThat(wp2.durationMillis()).contains(99L);
        assertThat(s.resolve("WP02", ScriptedRole.REVIEWER, 1).exitCode()).contains(1);
        assertThat(AgentScenario.builder().build().resolve("WP01", ScriptedRole.IMPLEMENTER, 1))
                .isEqualTo(AgentBehavior.defaults());
    }

    @Test
    void theDocumentedExampleParses() {
        AgentScenario s = AgentScenario.fromJson("""
                {
                  "defaults": {"duration_ms": 200, "usage": {"input_tokens": 1200, "output_tokens": 300,
                               "cost_usd": 0.0123}},
                  "rules": [
                    {"wp": "WP02", "role": "reviewer", "attempt": 1,
                     "behavior": {"verdict": "changes_requested", "feedback": "Add tests for {wp}.",
                                  "verdict_delivery": "file"}},
                    {"wp": "WP03", "role": "implementer",
                     "behavior": {"failure": "rate_limit"}},
                    {"wp": "WP04", "behavior": {"hang": true}}
                  ],
                  "log_file": "agents.jsonl",
                  "prompt_record_directory": "prompts"
                }
                """);
        assertThat(s.rules()).hasSize(3);
        AgentBehavior wp2 = s.resolve("WP02", ScriptedRole.REVIEWER, 1);
        assertThat(wp2.verdict()).contains(ReviewVerdict.CHANGES_REQUESTED);
        assertThat(wp2.verdictDelivery()).contains(VerdictDelivery.FILE);
        assertThat(wp2.durationMillis()).contains(200L);
        assertThat(wp2.usage().orElseThrow().costUsd()).contains(0.0123);
        assertThat(s.resolve("WP02", ScriptedRole.REVIEWER, 2).verdict()).isEmpty();
        assertThat(s.resolve("WP03", ScriptedRole.IMPLEMENTER, 4).failure()).contains(SimulatedFailure.RATE_LIMIT);
        assertThat(s.resolve("WP03", ScriptedRole.REVIEWER, 1).failure()).isEmpty();
        assertThat(s.resolve("WP04", ScriptedRole.REVIEWER, 1).hang()).contains(true);
        assertThat(s.logFile()).contains("agents.jsonl");
    }

    @Test
    void badJsonIsRejectedNamingTheField() {
        assertThatThrownBy(() -> AgentScenario.fromJson("{\"defaults\": {\"exit_kode\": 1}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exit_kode")
                .hasMessageContaining("defaults");
        assertThatThrownBy(() -> AgentScenario.fromJson("{\"rules\": [{\"behavior\": {\"verdict\": \"maybe\"}}]}"))
                .hasMessageContaining("rules[0].behavior.verdict");
        assertThatThrownBy(() -> AgentScenario.fromJson("{\"rules\": [{\"role\": \"boss\", \"behavior\": {}}]}"))
                .hasMessageContaining("rules[0].role");
        assertThatThrownBy(() -> AgentScenario.fromJson("{\"rules\": [{\"attempt\": 0, \"behavior\": {}}]}"))
                .hasMessageContaining("attempt must be at least 1");
        assertThatThrownBy(() -> AgentScenario.fromJson("{\"defaults\": {\"duration_ms\": \"long\"}}"))
                .hasMessageContaining("defaults.duration_ms must be an integer");
        assertThatThrownBy(() -> AgentScenario.fromJson("{nope")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AgentScenario.fromJson("{\"rules\": [{\"wp\": \"WP01\"}]}"))
                .hasMessageContaining("no 'behavior'");
    }

    @Test
    void behaviorValidation() {
        assertThatThrownBy(() -> AgentBehavior.builder().files(Map.of("../x", "")).build())
                .hasMessageContaining("'../x'");
        assertThatThrownBy(() -> AgentBehavior.builder().files(Map.of("/etc/x", "")).build())
                .hasMessageContaining("relative");
        assertThatThrownBy(() -> AgentBehavior.builder().durationMillis(-1L).build())
                .hasMessageContaining("durationMillis");
        assertThatThrownBy(() -> AgentBehavior.builder().exitCode(300).build()).hasMessageContaining("0..255");
        assertThatThrownBy(() -> AgentBehavior.builder().verdict(ReviewVerdict.UNKNOWN).build())
                .hasMessageContaining("verdict");
        assertThatThrownBy(() -> AgentBehavior.builder().stdoutLines(-3).build()).hasMessageContaining("negative");
    }
}
