package dev.speckitty.orchestrator.core.agent;

import static dev.speckitty.orchestrator.core.agent.Fixtures.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRole;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInAdapterInterpretTest {

    private static AgentOutcome read(String id, AgentRunOutput out) {
        return AgentAdapters.byId(id).interpret(Fixtures.implementer(), out);
    }

    private static void assertUsage(AgentOutcome o, long in, long out) {
        AgentUsage u = o.usage().orElseThrow();
        assertThat(u.inputTokens().getAsLong()).isEqualTo(in);
        assertThat(u.outputTokens().getAsLong()).isEqualTo(out);
    }

    // --- Claude Code -------------------------------------------------------------------------------------------

    private static final String CLAUDE_OK = """
            {"type":"result","subtype":"success","is_error":false,"duration_ms":81234,"num_turns":14,\
            "result":"Implemented the parser.\\nVERDICT: APPROVED","session_id":"7f1c","total_cost_usd":0.4213,\
            "usage":{"input_tokens":38,"cache_creation_input_tokens":12000,"cache_read_input_tokens":250000,\
            "output_tokens":4100,"server_tool_use":{"web_search_requests":0}}}
            """;

    @Test
    void claudeSuccessReportsUsageCostAndFinalMessage() {
        AgentOutcome o = read("claude-code", output(0, CLAUDE_OK, ""));

        assertThat(o.succeeded()).isTrue();
        assertUsage(o, 38 + 12_000 + 250_000, 4_100);
        assertThat(o.usage().get().costUsd().getAsDouble()).isEqualTo(0.4213);
        assertThat(o.finalMessage()).contains("Implemented the parser.\nVERDICT: APPROVED");
        assertThat(o.summary()).isEqualTo("Implemented the parser. VERDICT: APPROVED");
    }

    @Test
    void claudeJsonAfterAWarningLineIsStillRead() {
        AgentOutcome o = read("claude-code", output(0, "Warning: config migrated\n" + CLAUDE_OK, ""));

        assertThat(o.succeeded()).isTrue();
        assertThat(o.usage()).isPresent();
    }

    @Test
    void claudeIsErrorWithExitZeroIsAFailureClassifiedFromItsText() {
        String json = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,"
                + "\"result\":\"Invalid API key · Please run /login\",\"total_cost_usd\":0}";

        AgentOutcome o = read("claude-code", output(0, json, ""));

        assertThat(o.failure()).contains(AgentFailure.AUTH);
        assertThat(o.summary()).contains("Invalid API key");
    }

    @Test
    void claudeUsageLimitIsARateLimit() {
        String json = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,"
                + "\"result\":\"Claude AI usage limit reached|1767225600\"}";

        assertThat(read("claude-code", output(1, json, "")).failure()).contains(AgentFailure.RATE_LIMIT);
    }

    @Test
    void claudeMaxTurnsIsACrash() {
        String json = "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":false,\"num_turns\":50,"
                + "\"total_cost_usd\":1.5,\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}";

        AgentOutcome o = read("claude-code", output(0, json, ""));

        assertThat(o.failure()).contains(AgentFailure.CRASH);
        assertThat(o.summary()).contains("error_max_turns");
        assertThat(o.usage()).isPresent();
    }

    @Test
    void claudeExitZeroWithoutJsonIsNoOutput() {
        assertThat(read("claude-code", output(0, "", "")).failure()).contains(AgentFailure.NO_OUTPUT);
        assertThat(read("claude-code", output(0, "Done, I think.", "")).failure()).contains(AgentFailure.NO_OUTPUT);
    }

    @Test
    void claudeEmptyStdinErrorIsACrash() {
        AgentOutcome o = read("claude-code", output(1, "",
                "Error: Input must be provided either through stdin or as a prompt argument when using --print"));

        assertThat(o.failure()).contains(AgentFailure.CRASH);
        assertThat(o.summary()).startsWith("exit 1: Error: Input must be provided");
    }

    // --- Codex --------------------------------------------------------------------------------------------------

    private static final String CODEX_OK = """
            {"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}
            {"type":"turn.started"}
            {"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Reading the spec**"}}
            {"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls",\
            "aggregated_output":"src\\n","exit_code":0,"status":"completed"}}
            {"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"First pass done."}}
            {"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}
            {"type":"turn.started"}
            {"type":"item.completed","item":{"id":"item_3","type":"agent_message","text":"All tests pass."}}
            {"type":"turn.completed","usage":{"input_tokens":1000,"cached_input_tokens":0,"output_tokens":78}}
            """;

    @Test
    void codexSumsTurnUsageAndKeepsTheLastAgentMessage() {
        AgentOutcome o = read("codex", output(0, CODEX_OK, "Reading prompt from stdin...\n"));

        assertThat(o.succeeded()).isTrue();
        assertUsage(o, 25_763, 200);
        assertThat(o.usage().get().costUsd()).isEmpty();
        assertThat(o.finalMessage()).contains("All tests pass.");
    }

    @Test
    void codexTurnFailedWith429IsARateLimit() {
        String out = """
                {"type":"thread.started","thread_id":"t1"}
                {"type":"turn.started"}
                {"type":"error","message":"Reconnecting... 1/5"}
                {"type":"turn.failed","error":{"message":"exceeded retry limit, last status: 429 Too Many Requests"}}
                """;

        AgentOutcome o = read("codex", output(1, out, ""));

        assertThat(o.failure()).contains(AgentFailure.RATE_LIMIT);
        assertThat(o.summary()).contains("429 Too Many Requests");
    }

    @Test
    void codexTransientErrorEventFollowedByACompletedTurnIsASuccess() {
        String out = """
                {"type":"turn.started"}
                {"type":"error","message":"Reconnecting... 1/5 (stream disconnected before completion)"}
                {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"Done."}}
                {"type":"turn.completed","usage":{"input_tokens":10,"cached_input_tokens":0,"output_tokens":5}}
                """;

        AgentOutcome o = read("codex", output(0, out, ""));

        assertThat(o.succeeded()).isTrue();
        assertThat(o.finalMessage()).contains("Done.");
    }

    @Test
    void codexNotLoggedInIsAuth() {
        AgentOutcome o = read("codex", output(1, "", "Error: Not logged in. Run `codex login` first.\n"));

        assertThat(o.failure()).contains(AgentFailure.AUTH);
    }

    // --- Gemini and Qwen ----------------------------------------------------------------------------------------

    private static final String GEMINI_OK = """
            {
              "response": "Implemented.\\nVERDICT: CHANGES_REQUESTED\\nFEEDBACK:\\nAdd tests.",
              "stats": {
                "models": {
                  "gemini-2.5-pro": {"api": {"totalRequests": 2, "totalErrors": 0, "totalLatencyMs": 5053},
                    "tokens": {"prompt": 24939, "candidates": 20, "total": 25113, "cached": 21263, "thoughts": 154,
                      "tool": 0}},
                  "gemini-2.5-flash": {"api": {"totalRequests": 1, "totalErrors": 0, "totalLatencyMs": 800},
                    "tokens": {"prompt": 1000, "candidates": 30, "total": 1030, "cached": 0, "thoughts": 0,
                      "tool": 0}}
                },
                "tools": {"totalCalls": 1, "totalSuccess": 1, "totalFail": 0},
                "files": {"totalLinesAdded": 10, "totalLinesRemoved": 2}
              }
            }
            """;

    @Test
    void geminiSumsTokensOverModels() {
        AgentOutcome o = read("gemini", output(0, GEMINI_OK, "Loaded cached credentials.\n"));

        assertThat(o.succeeded()).isTrue();
        assertUsage(o, 25_939, 20 + 154 + 30);
        assertThat(o.finalMessage().orElseThrow()).contains("VERDICT: CHANGES_REQUESTED");
    }

    @Test
    void geminiExitCodesFollowItsDocumentation() {
        assertThat(read("gemini", output(41, "", "")).failure()).contains(AgentFailure.AUTH);
        // 42 is Gemini's "invalid input", not a rate limit
        assertThat(read("gemini", output(42, "", "Unknown argument: yolo")).failure()).contains(AgentFailure.CRASH);
        assertThat(read("gemini", output(53, "", "")).failure()).contains(AgentFailure.CRASH);
    }

    @Test
    void geminiQuotaErrorIsARateLimit() {
        String json = "{\"response\":null,\"error\":{\"type\":\"ApiError\",\"message\":"
                + "\"[API Error: Quota exceeded for quota metric 'Gemini 2.5 Pro Requests'. RESOURCE_EXHAUSTED]\","
                + "\"code\":429}}";

        AgentOutcome o = read("gemini", output(1, json, ""));

        assertThat(o.failure()).contains(AgentFailure.RATE_LIMIT);
        assertThat(o.summary()).contains("Quota exceeded").contains("code 429");
    }

    @Test
    void qwenReadsTheResultElementOfItsJsonArray() {
        String out = """
                [{"type":"system","subtype":"session_start","session_id":"s1","model":"qwen3-coder-plus"},
                 {"type":"assistant","session_id":"s1","message":{"role":"assistant","content":[{"type":"text",\
                "text":"Done."}],"usage":{"input_tokens":5,"output_tokens":2}}},
                 {"type":"result","subtype":"success","session_id":"s1","is_error":false,"duration_ms":1234,\
                "result":"Done.","usage":{"input_tokens":1500,"output_tokens":320}}]
                """;

        AgentOutcome o = read("qwen", output(0, out, ""));

        assertThat(o.succeeded()).isTrue();
        assertUsage(o, 1_500, 320);
        assertThat(o.finalMessage()).contains("Done.");
    }

    @Test
    void qwenKeepsTheGlobalExitCodeConventions() {
        assertThat(read("qwen", output(42, "", "")).failure()).contains(AgentFailure.RATE_LIMIT);
    }

    // --- OpenCode and Kilo ----------------------------------------------------------------------------------------

    private static final String OPENCODE_OK = """
            {"type":"step_start","timestamp":1,"sessionID":"ses_1","part":{"type":"step-start"}}
            {"type":"tool_use","timestamp":2,"sessionID":"ses_1","part":{"type":"tool","tool":"edit",\
            "state":{"status":"completed"}}}
            {"type":"step_finish","timestamp":3,"part":{"type":"step-finish","reason":"tool-calls","cost":0.012,\
            "tokens":{"input":17509,"output":3,"reasoning":0,"cache":{"read":100,"write":0}}}}
            {"type":"text","timestamp":4,"part":{"type":"text","text":"Edited parser.py and ran the tests."}}
            {"type":"step_finish","timestamp":5,"part":{"type":"step-finish","reason":"stop","cost":0.004,\
            "tokens":{"input":500,"output":97,"reasoning":10,"cache":{"read":17000,"write":0}}}}
            """;

    @Test
    void opencodeSumsStepFinishEvents() {
        AgentOutcome o = read("opencode", output(0, OPENCODE_OK, ""));

        assertThat(o.succeeded()).isTrue();
        assertUsage(o, 17_509 + 100 + 500 + 17_000, 3 + 97 + 10);
        assertThat(o.usage().get().costUsd().getAsDouble()).isCloseTo(0.016, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.finalMessage()).contains("Edited parser.py and ran the tests.");
    }

    @Test
    void opencodeNestedErrorEventFailsEvenWithExitZero() {
        String out = "{\"type\":\"error\",\"error\":{\"name\":\"ProviderModelNotFoundError\","
                + "\"data\":{\"message\":\"Model not found: anthropic/claude-nope\"}}}\n";

        AgentOutcome o = read("opencode", output(0, out, ""));

        assertThat(o.failure()).contains(AgentFailure.CRASH);
        assertThat(o.summary()).contains("Model not found: anthropic/claude-nope");
    }

    @Test
    void kiloUsesTheOpenCodeEventFormat() {
        AgentOutcome o = read("kilocode", output(0, OPENCODE_OK, ""));

        assertThat(o.succeeded()).isTrue();
        assertThat(o.usage()).isPresent();
    }

    // --- Cursor, Letta, pi, Augment, Copilot ---------------------------------------------------------------------

    @Test
    void cursorResultHasNoUsage() {
        String json = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"duration_ms\":5123,"
                + "\"result\":\"Refactored.\",\"session_id\":\"c1\"}";

        AgentOutcome o = read("cursor", output(0, json, ""));

        assertThat(o.succeeded()).isTrue();
        assertThat(o.usage()).isEmpty();
        assertThat(o.finalMessage()).contains("Refactored.");
    }

    @Test
    void cursorTrustRefusalWithExitZeroIsNoOutput() {
        String refusal = "⚠ Workspace Trust Required\n  To proceed, you can either:\n"
                + "    • Pass --trust, --yolo, or -f if you trust this directory\n";

        AgentOutcome o = read("cursor", output(0, refusal, ""));

        assertThat(o.failure()).contains(AgentFailure.NO_OUTPUT);
        assertThat(o.summary()).contains("no parsable cursor output");
    }

    @Test
    void lettaReadsPromptAndCompletionTokens() {
        String json = "{\"type\":\"result\",\"result\":\"Found 15 TypeScript files...\",\"agent_id\":\"agent-abc\","
                + "\"conversation_id\":\"conversation-xyz\",\"usage\":{\"prompt_tokens\":1250,\"completion_tokens\":89}}";

        AgentOutcome o = read("letta", output(0, json, ""));

        assertThat(o.succeeded()).isTrue();
        assertUsage(o, 1_250, 89);
    }

    @Test
    void piSumsAssistantMessageEnds() {
        String out = """
                {"type":"agent_start"}
                {"type":"message_end","message":{"role":"user","content":[{"type":"text","text":"Implement"}]}}
                {"type":"message_end","message":{"role":"assistant","content":[{"type":"text","text":"Step one."}],\
                "usage":{"input":1000,"output":50,"cacheRead":200,"cacheWrite":0,"cost":{"total":0.01}},\
                "stopReason":"toolUse"}}
                {"type":"message_end","message":{"role":"assistant","content":[{"type":"text","text":"Finished."}],\
                "usage":{"input":300,"output":20,"cacheRead":1200,"cacheWrite":0,"cost":{"total":0.002}},\
                "stopReason":"stop"}}
                {"type":"agent_end"}
                """;

        AgentOutcome o = read("pi", output(0, out, ""));

        assertThat(o.succeeded()).isTrue();
        assertUsage(o, 1_000 + 200 + 300 + 1_200, 70);
        assertThat(o.finalMessage()).contains("Finished.");
    }

    @Test
    void piFallsBackToTheGenericUsageLine() {
        String out = "{\"type\":\"agent_start\"}\nSPEC_KITTY_USAGE: {\"input_tokens\": 7, \"output_tokens\": 3}\n";

        AgentOutcome o = read("pi", output(0, out, ""));

        assertUsage(o, 7, 3);
    }

    @Test
    void augmentTextIsTheFinalMessage() {
        AgentOutcome ok = read("augment", output(0, "VERDICT: APPROVED\nFEEDBACK:\nLooks good.\n", ""));

        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.finalMessage()).contains("VERDICT: APPROVED\nFEEDBACK:\nLooks good.");
        assertThat(read("augment", output(0, "  \n", "")).failure()).contains(AgentFailure.NO_OUTPUT);
    }

    @Test
    void copilotMissingCredentialsIsAuth() {
        AgentOutcome o = read("copilot", output(1, "",
                "Error: No authentication information found.\nPlease run `copilot` and use /login.\n"));

        assertThat(o.failure()).contains(AgentFailure.AUTH);
    }

    // --- Rules shared by every built-in -------------------------------------------------------------------------

    static Stream<AgentAdapter> builtIns() {
        return AgentAdapters.builtIns().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void timeoutFlagWins(AgentAdapter adapter) {
        AgentRunOutput out = AgentRunOutput.builder().exitCode(124).stdout(CLAUDE_OK).stderr("").timedOut(true)
                .duration(Duration.ofMinutes(30)).build();

        AgentOutcome o = adapter.interpret(Fixtures.implementer(), out);

        assertThat(o.failure()).contains(AgentFailure.TIMEOUT);
        assertThat(o.summary()).isEqualTo("timed out after 1800 s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void exit124IsATimeoutAndAMissingBinaryIsReported(AgentAdapter adapter) {
        assertThat(adapter.interpret(Fixtures.implementer(), output(124, "", "")).failure())
                .contains(AgentFailure.TIMEOUT);
        AgentRunOutput missing = AgentRunOutput.builder().exitCode(127).stdout("").stderr("cannot start x: error=2")
                .binaryMissing(true).build();
        assertThat(adapter.interpret(Fixtures.invocation(AgentRole.REVIEWER).build(), missing).failure())
                .contains(AgentFailure.MISSING_BINARY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void conventionalAuthExitAndPlainCrash(AgentAdapter adapter) {
        assertThat(adapter.interpret(Fixtures.implementer(), output(41, "", "")).failure())
                .contains(AgentFailure.AUTH);
        assertThat(adapter.interpret(Fixtures.implementer(), output(2, "", "Segmentation fault")).failure())
                .contains(AgentFailure.CRASH);
    }
}
