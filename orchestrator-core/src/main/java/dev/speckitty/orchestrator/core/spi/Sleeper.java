package dev.speckitty.orchestrator.core.spi;

import java.time.Duration;

/**
 * Waits for a duration: the engine's only way to let time pass (retry back-off), so tests can substitute a sleeper
 * that returns at once and records what was asked. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Blocks the calling thread for about the given duration.
     *
     * @param duration how long to wait; zero or negative returns at once
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Returns a sleeper backed by {@link Thread#sleep(long)}.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
