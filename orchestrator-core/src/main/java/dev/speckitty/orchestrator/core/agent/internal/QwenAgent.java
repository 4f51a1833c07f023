package dev.speckitty.orchestrator.core.agent.internal;

import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import java.util.Optional;

/**
 * Qwen Code (a Gemini CLI fork): the same command line as {@link GeminiAgent}: {@code qwen --approval-mode
 * yolo|default --output-format json … --prompt <instruction>}, full prompt on stdin. The reference's {@code qwen -p
 * --yolo} had the same "--yolo consumed as the prompt" bug.
 *
 * <p>Qwen's {@code --output-format json} prints a JSON array of messages whose last {@code "type": "result"} element
 * carries {@code result}, {@code is_error} and {@code usage}, like Claude Code. Exit codes 41 and 42 keep the global
 * meanings (auth, rate limit); Qwen does not document Gemini's 42 = input error. Flags checked against the Qwen Code
 * headless documentation.
 */
public final class QwenAgent extends GeminiAgent {
    /**
     * Creates the adapter.
     *
     * @param executable the executable, normally {@code qwen}
     */
    public QwenAgent(String executable) {
        super("qwen", executable);
    }

    @Override
    public CliAgent withExecutable(String newExecutable) {
        return new QwenAgent(newExecutable);
    }

    @Override
    protected Optional<AgentFailure> exitCodeMeaning(int exitCode) {
        return Optional.empty();
    }

    @Override
    protected Parsed parse(AgentRunOutput out) {
        return ResultJson.parse(out);
    }
}
