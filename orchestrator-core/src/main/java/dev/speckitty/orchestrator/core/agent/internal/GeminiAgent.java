package dev.speckitty.orchestrator.core.agent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Google Gemini CLI: {@code gemini --approval-mode <mode> --output-format json … --prompt <instruction>}, full prompt
 * on stdin.
 *
 * <p>{@code -p/--prompt} takes a value that is appended to stdin; the reference's {@code gemini -p --yolo} therefore
 * sent the literal text "--yolo" as the prompt and never enabled YOLO. Here the value is a short instruction and the
 * work-package prompt arrives on stdin; {@code --yolo} is replaced by its non-deprecated form
 * {@code --approval-mode yolo}.
 *
 * <ul>
 *   <li>Implementer: {@code --approval-mode yolo}.
 *   <li>Reviewer: {@code --approval-mode default}. Headless runs cannot approve anything, so tools that need approval
 *       (edits, writes, shell) are refused while reading tools run. {@code plan} mode is not used: in recent versions
 *       a headless plan-mode run approves its own exit from plan mode and goes on to edit.
 * </ul>
 *
 * <p>Exit codes follow Gemini's documented meanings: 41 authentication, 42 invalid input or arguments (a crash, not a
 * rate limit as the reference assumed), 44 sandbox, 52 configuration, 53 turn limit; rate limits are recognised from
 * the error text (429, RESOURCE_EXHAUSTED, quota). Usage: {@code stats.models.*.tokens} summed over models,
 * {@code prompt} as input and {@code candidates + thoughts} as output. Flags checked against the Gemini CLI headless
 * documentation.
 *
 * <p>Folder trust: when Gemini's folder-trust feature is enabled, an untrusted directory (a fresh lane worktree)
 * silently downgrades {@code yolo} to {@code default}, so the implementer cannot write. Recent versions accept
 * {@code --skip-trust}; it is not added by default because older versions reject unknown flags (exit 42). Add it
 * through the agent's extra arguments, which are placed before the {@code --prompt} pair.
 */
public class GeminiAgent extends CliAgent {
    /** The {@code --prompt} value: the real prompt is on stdin, which Gemini puts before it. */
    public static final String STDIN_INSTRUCTION =
            "Carry out the instructions given above on standard input. Work without asking questions.";

    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code gemini}
     */
    public GeminiAgent(String executable) {
        this("gemini", executable);
    }

    GeminiAgent(String id, String executable) {
        super(id, executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new GeminiAgent(newExecutable);
    }

    @Override
    protected List<String> roleArgs(AgentInvocation in) {
        return List.of("--approval-mode", reviewing(in) ? "default" : "yolo", "--output-format", "json");
    }

    @Override
    protected List<String> trailingArgs(AgentInvocation in) {
        return List.of("--prompt", STDIN_INSTRUCTION);
    }

    @Override
    protected Optional<AgentFailure> exitCodeMeaning(int exitCode) {
        return switch (exitCode) {
            case 41 -> Optional.of(AgentFailure.AUTH);
            case 42, 44, 52, 53 -> Optional.of(AgentFailure.CRASH);
            default -> Optional.empty();
        };
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        Optional<JsonNode> doc = UsageParsing.document(out.stdout()).filter(JsonNode::isObject);
        if (doc.isEmpty()) {
            return Parsed.NONE;
        }
        JsonNode d = doc.get();
        UsageParsing.Accumulator acc = new UsageParsing.Accumulator();
        JsonNode models = d.path("stats").path("models");
        for (Iterator<JsonNode> it = models.elements(); it.hasNext(); ) {
            JsonNode tokens = it.next().path("tokens");
            acc.addInput(tokens.get("prompt")).addOutput(tokens.get("candidates")).addOutput(tokens.get("thoughts"));
        }
        Optional<String> error = Optional.empty();
        JsonNode err = d.get("error");
        if (err != null && !err.isNull()) {
            String msg = UsageParsing.text(err, "message").orElse(err.toString());
            String code = err.has("code") ? " (code " + err.get("code").asText() + ")" : "";
            error = Optional.of(msg + code);
        }
        return new Parsed(true, UsageParsing.text(d, "response"), acc.toUsage(), error);
    }
}
