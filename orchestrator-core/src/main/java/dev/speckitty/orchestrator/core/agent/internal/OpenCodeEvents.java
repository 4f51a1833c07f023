package dev.speckitty.orchestrator.core.agent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.Optional;

/**
 * Reader for {@code opencode run --format json} event lines (also Kilo's CLI, an OpenCode fork):
 *
 * <pre>{@code
 * {"type":"text","part":{"type":"text","text":"Done."}}
 * {"type":"step_finish","part":{"type":"step-finish","cost":0.01,"tokens":{"input":900,"output":50,"reasoning":10,
 *   "cache":{"read":2000,"write":0}}}}
 * {"type":"error","error":{"name":"ProviderModelNotFoundError","data":{"message":"Model not found"}}}
 * }</pre>
 *
 * <p>Usage is summed over {@code step_finish} events (input includes cache reads and writes; output includes
 * reasoning). The final message is the last {@code text} part. An {@code error} event not followed by a
 * {@code step_finish} is a reported error; its text is {@code message}, else
 * {@code error.data.message}, {@code error.message} or {@code error.name} (the nesting the reference learnt in commit
 * 97be3af).
 */
final class OpenCodeEvents {
    private OpenCodeEvents() {}

    static CliAgent.Parsed parse(AgentRunOutput out) {
        UsageParsing.Accumulator acc = new UsageParsing.Accumulator();
        Optional<String> message = Optional.empty();
        Optional<String> error = Optional.empty();
        boolean structured = false;
        for (JsonNode e : UsageParsing.jsonLines(out.stdout())) {
            String type = e.path("type").asText("");
            if (type.isEmpty()) {
                continue;
            }
            structured = true;
            JsonNode part = e.path("part");
            switch (type) {
                case "step_finish" -> {
                    JsonNode t = part.path("tokens");
                    acc.addInput(t.get("input")).addOutput(t.get("output")).addOutput(t.get("reasoning"));
                    acc.addInput(t.path("cache").get("read")).addInput(t.path("cache").get("write"));
                    acc.addCost(part.get("cost"));
                    // the session went on after an earlier error event
                    error = Optional.empty();
                }
                case "text" -> {
                    Optional<String> text = UsageParsing.text(part, "text");
                    if (text.isPresent() && !text.get().isBlank()) {
                        message = text;
                    }
                }
                case "error" -> error = Optional.of(errorText(e));
                default -> { }
            }
        }
        return new CliAgent.Parsed(structured, message, acc.toUsage(), error);
    }

    private static String errorText(JsonNode e) {
        JsonNode err = e.path("error");
        return UsageParsing.text(e, "message")
                .or(() -> UsageParsing.text(err.path("data"), "message"))
                .or(() -> UsageParsing.text(err, "message"))
                .or(() -> UsageParsing.text(err, "name"))
                .orElse("error event");
    }
}
