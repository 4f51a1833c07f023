package dev.speckitty.orchestrator.core.agent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;
import java.util.Optional;

/**
 * pi (the pi coding agent): {@code pi -p --mode json --no-session --tools <list>}, prompt on stdin (pi prepends piped
 * stdin to the prompt).
 *
 * <ul>
 *   <li>Implementer: {@code --tools read,bash,edit,write,grep,find,ls}.
 *   <li>Reviewer: {@code --tools read,grep,find,ls} (no shell, no edits).
 * </ul>
 *
 * <p>{@code --mode json} prints JSON-line events. Usage is summed over {@code message_end} events of assistant
 * messages ({@code usage.input + cacheRead + cacheWrite}, {@code usage.output}, {@code usage.cost.total}); the final
 * message is the text of the last assistant message; a {@code stopReason} of {@code error} is a reported error. The
 * argv is the reference's and matches pi's CLI documentation; the event field names are not confirmed from pi's
 * documentation, so parsing is lenient and falls back to the {@code SPEC_KITTY_USAGE:} line.
 */
public final class PiAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code pi}
     */
    public PiAgent(String executable) {
        super("pi", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new PiAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return List.of("-p", "--mode", "json", "--no-session", "--tools",
                reviewing(in) ? "read,grep,find,ls" : "read,bash,edit,write,grep,find,ls");
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        UsageParsing.Accumulator acc = new UsageParsing.Accumulator();
        Optional<String> message = Optional.empty();
        Optional<String> error = Optional.empty();
        boolean structured = false;
        for (JsonNode e : UsageParsing.jsonLines(out.stdout())) {
            if (!e.has("type")) {
                continue;
            }
            structured = true;
            JsonNode msg = e.path("message");
            if (!"message_end".equals(e.path("type").asText()) || !"assistant".equals(msg.path("role").asText())) {
                continue;
            }
            JsonNode u = msg.path("usage");
            acc.addInput(u.get("input")).addInput(u.get("cacheRead")).addInput(u.get("cacheWrite"));
            acc.addOutput(u.get("output")).addCost(u.path("cost").get("total"));
            StringBuilder text = new StringBuilder();
            for (JsonNode c : msg.path("content")) {
                if ("text".equals(c.path("type").asText())) {
                    text.append(c.path("text").asText(""));
                }
            }
            if (text.length() > 0) {
                message = Optional.of(text.toString());
            }
            if ("error".equals(msg.path("stopReason").asText())) {
                error = UsageParsing.text(msg, "errorMessage").or(() -> Optional.of("stopReason: error"));
            }
        }
        return new Parsed(structured, message, acc.toUsage(), error);
    }
}
