package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;

/** A configuration problem: the message names the source (file or variable), the key and what is wrong. */
final class ConfigException extends CliException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(ExitCode.USAGE, message);
    }
}
