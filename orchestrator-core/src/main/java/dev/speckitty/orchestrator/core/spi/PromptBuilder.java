package dev.speckitty.orchestrator.core.spi;

/**
 * Assembles the prompts given to agents. Thread-safe, no side effects, never returns null.
 */
public interface PromptBuilder {
    /**
     * Builds the implementation (or rework, when {@link PromptContext#reviewFeedback()} is present) prompt.
     *
     * @param context the WP facts
     * @return the prompt
     */
    String implementationPrompt(PromptContext context);

    /**
     * Builds the review prompt (read-only reviewer, explicit verdict protocol).
     *
     * @param context the WP facts
     * @return the prompt
     */
    String reviewPrompt(PromptContext context);
}
