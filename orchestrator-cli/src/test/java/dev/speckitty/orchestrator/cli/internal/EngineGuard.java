package dev.speckitty.orchestrator.cli.internal;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips (never passes) an engine-driven CLI test while this branch still has the engine's API skeleton, whose run
 * throws "engine run not implemented yet"; once the engine is merged this guard never triggers.
 */
public final class EngineGuard {
    private EngineGuard() {
    }

    public static void assumeEngine(String output) {
        Assumptions.assumeFalse(output.contains("engine run not implemented yet"),
                "the engine implementation is not merged into this branch yet");
    }
}
