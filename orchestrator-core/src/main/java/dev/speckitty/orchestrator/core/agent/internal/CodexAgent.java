package dev.speckitty.orchestrator.core.agent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI Codex: {@code codex exec --json --skip-git-repo-check --sandbox <mode> … -}, prompt on stdin ({@code -}).
 *
 * <ul>
 *   <li>Implementer: {@code --sandbox danger-full-access}. The reference's {@code --full-auto} is deprecated and means
 *       {@code --sandbox workspace-write}, which makes {@code .git} (and the main checkout's {@code .git/worktrees/…}
 *       of a lane worktree) read-only, so the agent's own commits and {@code spec-kitty agent tasks mark-status} fail
 *       (spec-kitty issue #1324). Lane worktrees are linked worktrees, so nothing narrower works.
 *   <li>Reviewer: {@code --sandbox read-only}: the reviewer cannot change the workspace; it reports its verdict in its
 *       final message.
 * </ul>
 *
 * <p>Output is JSON lines: usage is summed over {@code turn.completed} events ({@code input_tokens},
 * {@code cached_input_tokens} is a subset of input and not added again, {@code output_tokens}); the final message is
 * the last {@code item.completed} item of type {@code agent_message}; a {@code turn.failed} or {@code error} event
 * not followed by a {@code turn.completed} is a reported error (Codex also emits {@code error} events for transient
 * reconnects). Flags checked against the Codex non-interactive documentation.
 */
public final class CodexAgent extends CliAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code codex}
     */
    public CodexAgent(String executable) {
        super("codex", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new CodexAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return List.of("exec", "--json", "--skip-git-repo-check", "--sandbox",
                reviewing(in) ? "read-only" : "danger-full-access");
    }

    @Override
    protected List<String> modelArgs(String model) {
        return List.of("-m", model);
    }

    @Override
    protected List<String> trailingArgs(AgentInvocation in) {
        return List.of("-");
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        List<JsonNode> events = UsageParsing.jsonLines(out.stdout());
        UsageParsing.Accumulator acc = new UsageParsing.Accumulator();
        Optional<String> message = Optional.empty();
        Optional<String> error = Optional.empty();
        boolean structured = false;
        for (JsonNode e : events) {
            String type = e.path("type").asText("");
            if (type.isEmpty()) {
                continue;
            }
            structured = true;
            switch (type) {
                case "turn.completed" -> {
                    JsonNode u = e.path("usage");
                    acc.addInput(u.get("input_tokens")).addOutput(u.get("output_tokens"));
                    // an earlier error event (e.g. a reconnect notice) did not stop the turn
                    error = Optional.empty();
                }
                case "item.completed" -> {
                    JsonNode item = e.path("item");
                    if ("agent_message".equals(item.path("type").asText())) {
                        message = Optional.of(item.path("text").asText(""));
                    }
                }
                case "turn.failed" -> error = UsageParsing.text(e.path("error"), "message")
                        .or(() -> Optional.of("turn failed"));
                case "error" -> error = UsageParsing.text(e, "message").or(() -> Optional.of("error event"));
                default -> { }
            }
        }
        return new Parsed(structured, message, acc.toUsage(), error);
    }
}
