/**
 * The reference command-line orchestrator {@code spec-kitty-orchestrator}: {@link
 * dev.speckitty.orchestrator.cli.Main} (entry point, also callable in-process) and the stable {@link
 * dev.speckitty.orchestrator.cli.ExitCode}s. Everything else lives in {@code cli.internal} and is not API.
 */
package dev.speckitty.orchestrator.cli;
