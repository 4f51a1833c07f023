package dev.speckitty.orchestrator.testkit.host.internal;

/**
 * What one simulated host process prints and returns.
 *
 * @param exitCode the exit code
 * @param stdout everything printed on stdout
 * @param stderr everything printed on stderr
 */
public record Outcome(int exitCode, String stdout, String stderr) {}
