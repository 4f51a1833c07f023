package dev.speckitty.orchestrator.core.agent;

import static dev.speckitty.orchestrator.core.agent.Fixtures.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifyByExitCodeTest {

    @ParameterizedTest(name = "exit {0}, stderr \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "SUCCESS", value = {
        "0  | anything at all                                        | SUCCESS",
        "124| ''                                                     | TIMEOUT",
        "41 | ''                                                     | AUTH",
        "42 | ''                                                     | RATE_LIMIT",
        "1  | Error: not logged in                                   | AUTH",
        "1  | Invalid API key provided: sk-***                        | AUTH",
        "1  | AuthenticationError: bad credentials                   | AUTH",
        "1  | HTTP 401 from api.example.com                          | AUTH",
        "1  | Rate limit reached for requests                        | RATE_LIMIT",
        "1  | status 429                                             | RATE_LIMIT",
        "1  | You exceeded your current quota                        | RATE_LIMIT",
        "1  | API Error: 529 {\"type\":\"overloaded_error\"}            | RATE_LIMIT",
        "1  | commit author: Bob <bob@example.com>                   | CRASH",
        "1  | see the OAuth hint in the README                       | CRASH",
        "1  | port 4010 in use                                       | CRASH",
        "137| Killed                                                 | CRASH",
    })
    void table(int exit, String stderr, AgentFailure expected) {
        AgentOutcome o = AgentAdapters.classifyByExitCode(output(exit, "", stderr));

        assertThat(o.failure()).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void missingBinaryComesFirst() {
        AgentRunOutput out = AgentRunOutput.builder().exitCode(41).stdout("").stderr("cannot start scripted-agent")
                .binaryMissing(true).build();

        AgentOutcome o = AgentAdapters.classifyByExitCode(out);

        assertThat(o.failure()).contains(AgentFailure.MISSING_BINARY);
        assertThat(o.summary()).contains("agent executable not found").contains("scripted-agent");
    }

    @Test
    void onlyTheTailOfStdoutIsConsulted() {
        String transcript = "I fixed the authentication module and its 401 handling.\n" + "x".repeat(5_000) + "\n";

        assertThat(AgentAdapters.classifyByExitCode(output(1, transcript, "")).failure())
                .contains(AgentFailure.CRASH);
        assertThat(AgentAdapters.classifyByExitCode(output(1, transcript + "Error: rate limit\n", "")).failure())
                .contains(AgentFailure.RATE_LIMIT);
    }

    @Test
    void lastUsageLineWins() {
        String out = "SPEC_KITTY_USAGE: {\"input_tokens\": 1, \"output_tokens\": 2, \"cost_usd\": 0.5}\n"
                + "working\nSPEC_KITTY_USAGE: {\"input_tokens\": 1200, \"output_tokens\": 300, \"cost_usd\": 0.0123}\n"
                + "done\n";

        AgentOutcome o = AgentAdapters.classifyByExitCode(output(0, out, ""));

        assertThat(o.succeeded()).isTrue();
        assertThat(o.usage().orElseThrow().inputTokens().getAsLong()).isEqualTo(1200);
        assertThat(o.usage().get().outputTokens().getAsLong()).isEqualTo(300);
        assertThat(o.usage().get().costUsd().getAsDouble()).isEqualTo(0.0123);
        assertThat(o.summary()).isEqualTo("done");
    }

    @Test
    void malformedUsageLineIsIgnoredAndPartialFiguresAreKept() {
        assertThat(AgentAdapters.classifyByExitCode(output(0, "SPEC_KITTY_USAGE: {oops\n", "")).usage()).isEmpty();
        AgentOutcome partial = AgentAdapters.classifyByExitCode(
                output(0, "SPEC_KITTY_USAGE: {\"output_tokens\": 9}\n", ""));
        assertThat(partial.usage().orElseThrow().inputTokens()).isEmpty();
        assertThat(partial.usage().get().outputTokens().getAsLong()).isEqualTo(9);
    }

    @Test
    void failureSummaryNamesTheExitAndTheErrorLine() {
        AgentOutcome o = AgentAdapters.classifyByExitCode(
                output(3, "partial\n", "loading config\nError: cannot open tasks/WP01.md\ncleanup\n"));

        assertThat(o.summary()).isEqualTo("exit 3: Error: cannot open tasks/WP01.md");
    }
}
