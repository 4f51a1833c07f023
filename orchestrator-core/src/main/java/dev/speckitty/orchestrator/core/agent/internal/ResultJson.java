package dev.speckitty.orchestrator.core.agent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.Optional;

/**
 * Reader for the "result object" family of JSON outputs: Claude Code ({@code claude -p --output-format json}), Cursor
 * ({@code --output-format json}), Letta ({@code --output-format json}) and Qwen Code (a JSON array whose last
 * {@code "type": "result"} element has the same shape).
 *
 * <pre>{@code
 * {"type":"result","subtype":"success","is_error":false,"result":"…","total_cost_usd":0.12,
 *  "usage":{"input_tokens":10,"cache_creation_input_tokens":200,"cache_read_input_tokens":3000,"output_tokens":400}}
 * }</pre>
 */
final class ResultJson {
    private ResultJson() {}

    static CliAgent.Parsed parse(AgentRunOutput out) {
        Optional<JsonNode> doc = UsageParsing.document(out.stdout());
        Optional<JsonNode> result = doc.flatMap(ResultJson::resultNode);
        if (result.isEmpty()) {
            return CliAgent.Parsed.NONE;
        }
        JsonNode r = result.get();
        Optional<String> text = UsageParsing.text(r, "result");
        boolean isError = r.path("is_error").asBoolean(false)
                || UsageParsing.text(r, "subtype").map(s -> s.startsWith("error")).orElse(false);
        Optional<String> error = Optional.empty();
        if (isError) {
            error = Optional.of(text.filter(t -> !t.isBlank())
                    .or(() -> UsageParsing.text(r, "error"))
                    .or(() -> UsageParsing.text(r, "subtype"))
                    .orElse("is_error: true"));
        }
        return new CliAgent.Parsed(true, text, usage(r), error);
    }

    private static Optional<JsonNode> resultNode(JsonNode doc) {
        if (doc.isObject()) {
            return Optional.of(doc);
        }
        for (int i = doc.size() - 1; i >= 0; i--) {
            JsonNode n = doc.get(i);
            if (n.isObject() && "result".equals(n.path("type").asText())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** Input tokens include prompt-cache reads and writes: they are processed (and billed) input too. */
    private static Optional<dev.speckitty.orchestrator.core.spi.AgentUsage> usage(JsonNode r) {
        UsageParsing.Accumulator acc = new UsageParsing.Accumulator();
        JsonNode u = r.get("usage");
        if (u != null && u.isObject()) {
            acc.addInput(u.get("input_tokens"))
                    .addInput(u.get("cache_creation_input_tokens"))
                    .addInput(u.get("cache_read_input_tokens"))
                    .addInput(u.get("prompt_tokens"))
                    .addOutput(u.get("output_tokens"))
                    .addOutput(u.get("completion_tokens"));
        }
        acc.addCost(r.get("total_cost_usd"));
        return acc.toUsage();
    }
}
