package dev.speckitty.orchestrator.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.core.spi.ParsedVerdict;
import dev.speckitty.orchestrator.core.spi.ReviewOutput;
import dev.speckitty.orchestrator.core.spi.ReviewVerdictParser;
import org.junit.jupiter.api.Test;

class ReviewVerdictParsersTest {
    private final ReviewVerdictParser parser = ReviewVerdictParsers.standard();

    private ParsedVerdict stdout(String s) {
        return parser.parse(ReviewOutput.builder().agent("x").stdout(s).build());
    }

    @Test
    void verdictFileWins() {
        ParsedVerdict v = parser.parse(ReviewOutput.builder().agent("x")
                .verdictFile("{\"verdict\": \"changes_requested\", \"feedback\": \"Fix the null check.\"}")
                .stdout("VERDICT: APPROVED").build());
        assertThat(v.verdict()).contains(ReviewVerdict.CHANGES_REQUESTED);
        assertThat(v.feedback()).isEqualTo("Fix the null check.");
        assertThat(v.source()).isEqualTo("verdict-file");
    }

    @Test
    void lastVerdictLineWinsAndFeedbackRunsToTheEnd() {
        ParsedVerdict v = stdout("thinking...\nVERDICT: APPROVED\nmore\nverdict: changes_requested\nFEEDBACK:\n"
                + "- add tests\n- rename foo\n");
        assertThat(v.verdict()).contains(ReviewVerdict.CHANGES_REQUESTED);
        assertThat(v.feedback()).isEqualTo("- add tests\n- rename foo");
        assertThat(v.source()).isEqualTo("stdout");
    }

    @Test
    void markdownDecoratedVerdictLinesAreRead() {
        assertThat(stdout("**VERDICT: APPROVED**").verdict()).contains(ReviewVerdict.APPROVED);
        assertThat(stdout("## Verdict: Changes Requested").verdict()).contains(ReviewVerdict.CHANGES_REQUESTED);
    }

    @Test
    void verdictInsideClaudeJsonResultIsFound() {
        String json = "{\"type\":\"result\",\"is_error\":false,\"result\":\"Reviewed.\\nVERDICT: CHANGES_REQUESTED\\n"
                + "FEEDBACK:\\nMissing tests.\",\"total_cost_usd\":0.1}";
        ParsedVerdict v = stdout(json);
        assertThat(v.verdict()).contains(ReviewVerdict.CHANGES_REQUESTED);
        assertThat(v.feedback()).isEqualTo("Missing tests.");
        assertThat(v.source()).isEqualTo("claude-json");
    }

    @Test
    void noVerdictIsNoneNeverARejection() {
        assertThat(stdout("I reviewed it and it seems fine overall.").verdict()).isEmpty();
        assertThat(stdout("VERDICT: MAYBE").verdict()).isEmpty();
        assertThat(stdout("").verdict()).isEmpty();
        assertThat(parser.parse(ReviewOutput.builder().agent("x").verdictFile("{\"verdict\": \"\"}").build())
                .verdict()).isEmpty();
    }

    @Test
    void unparseableVerdictFileFallsBackToItsTextThenStdout() {
        assertThat(parser.parse(ReviewOutput.builder().agent("x").verdictFile("VERDICT: APPROVED").build())
                .verdict()).contains(ReviewVerdict.APPROVED);
        assertThat(parser.parse(ReviewOutput.builder().agent("x").verdictFile("{broken").stdout("VERDICT: APPROVED")
                .build()).verdict()).contains(ReviewVerdict.APPROVED);
    }
}
