package dev.speckitty.orchestrator.cli.internal;

import picocli.CommandLine.Option;

/** {@code --verbose} and {@code --quiet}, mixed into every command. */
final class OutputOptions {
    @Option(names = {"-v", "--verbose"}, description = "More detail: debug log on stderr, stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only errors and the final summary.")
    boolean quiet;
}
