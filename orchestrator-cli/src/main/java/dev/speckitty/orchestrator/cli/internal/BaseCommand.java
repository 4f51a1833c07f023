package dev.speckitty.orchestrator.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Common plumbing of the subcommands: the context, the injected writers and the output options. */
abstract class BaseCommand implements Callable<Integer> {
    final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    BaseCommand(CliContext context) {
        this.context = context;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean verbose() {
        return output.verbose;
    }
}
