package dev.speckitty.orchestrator.cli.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * What every command gets from its caller instead of reading globals, so commands run the same in-process (tests)
 * and as the real process.
 *
 * @param env the environment
 * @param cwd the working directory
 * @param realProcess true in the real CLI process: install signal handlers, detect a terminal, inhibit sleep
 */
record CliContext(Map<String, String> env, Path cwd, boolean realProcess) {
}
