/**
 * Benchmarks of the orchestrator: host traffic, reaction latency, makespan, engine overhead, client overhead, CLI
 * start-up and memory. {@link dev.speckitty.orchestrator.benchmarks.BenchmarkRunner} prints one plain-text table per
 * benchmark and writes a JSON results file; nothing here asserts anything about time.
 */
package dev.speckitty.orchestrator.benchmarks;
