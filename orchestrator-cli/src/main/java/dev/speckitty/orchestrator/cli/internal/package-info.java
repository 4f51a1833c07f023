/**
 * Implementation of the CLI: picocli commands, configuration loading, the mission lock, signal handling, sleep
 * inhibition and rendering. Not API: may change in any release.
 */
package dev.speckitty.orchestrator.cli.internal;
