package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.client.error.ContractException;
import dev.speckitty.orchestrator.client.error.HostErrorException;
import dev.speckitty.orchestrator.client.error.HostNotFoundException;
import dev.speckitty.orchestrator.client.error.HostTimeoutException;
import dev.speckitty.orchestrator.client.error.NoEnvelopeException;
import dev.speckitty.orchestrator.client.error.NotFoundException;
import dev.speckitty.orchestrator.client.error.UnsupportedByHostException;
import dev.speckitty.orchestrator.client.error.UsageErrorException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions into a short message on stderr and a documented exit code. The stack trace is printed only with
 * {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = commandLine.getCommand() instanceof BaseCommand b && b.verbose();
        err.println("error: " + message(ex));
        String hint = hint(ex);
        if (!hint.isEmpty()) {
            err.println("hint: " + hint);
        }
        if (verbose) {
            ex.printStackTrace(err);
        } else if (exitCodeOf(ex) == ExitCode.INTERNAL) {
            err.println("(rerun with --verbose for the stack trace)");
        }
        err.flush();
        return exitCodeOf(ex);
    }

    static String message(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof HostErrorException h) {
            return "the host refused " + h.command() + ": " + h.errorCodeAsString() + h.hostMessage().map(s -> ": " + s).orElse("");
        }
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    static String hint(Throwable ex) {
        if (ex instanceof HostNotFoundException) {
            return "install spec-kitty (https://github.com/spec-kitty/spec-kitty), put it on PATH, or pass --host"
                    + " <executable>; `spec-kitty-orchestrator doctor` checks the setup";
        }
        if (ex instanceof ContractException || ex instanceof UnsupportedByHostException) {
            return "upgrade spec-kitty; `spec-kitty-orchestrator doctor` shows the versions";
        }
        if (ex instanceof NoEnvelopeException || ex instanceof HostTimeoutException) {
            return "run `spec-kitty orchestrator-api contract-version` by hand to see what the host prints";
        }
        if (ex instanceof NotFoundException) {
            return "check the mission slug: the host lists missions under kitty-specs/";
        }
        return "";
    }

    /** The exit code for an exception. */
    static int exitCodeOf(Throwable ex) {
        if (ex instanceof CliException c) {
            return c.exitCode();
        }
        if (ex instanceof HostNotFoundException || ex instanceof ContractException
                || ex instanceof UnsupportedByHostException || ex instanceof NoEnvelopeException
                || ex instanceof HostTimeoutException) {
            return ExitCode.HOST;
        }
        if (ex instanceof NotFoundException || ex instanceof UsageErrorException
                || ex instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof dev.speckitty.orchestrator.core.state.RunStateException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof HostErrorException) {
            return ExitCode.NOT_DONE;
        }
        if (ex instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.INTERNAL;
    }
}
