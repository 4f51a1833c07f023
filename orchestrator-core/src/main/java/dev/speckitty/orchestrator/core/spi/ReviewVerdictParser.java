package dev.speckitty.orchestrator.core.spi;

/**
 * Reads a reviewer's verdict from what it left behind (verdict file, stdout). Must return
 * {@link ParsedVerdict#none()} rather than guess: a missing verdict means the review did not happen, never a
 * rejection or an approval. Thread-safe, no side effects.
 */
@FunctionalInterface
public interface ReviewVerdictParser {
    /**
     * Parses the verdict.
     *
     * @param output what the reviewer produced
     * @return the verdict and feedback, or {@link ParsedVerdict#none()}
     */
    ParsedVerdict parse(ReviewOutput output);
}
