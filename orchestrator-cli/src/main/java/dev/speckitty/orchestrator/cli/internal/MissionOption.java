package dev.speckitty.orchestrator.cli.internal;

import picocli.CommandLine.Option;

/** {@code --mission} (alias {@code --feature}, {@code -m}): the mission slug, id or short id. */
final class MissionOption {
    @Option(names = {"-m", "--mission", "--feature"}, required = true, paramLabel = "<slug>",
            description = "The mission (slug, id or short id; --feature is the old name).")
    String mission;
}
