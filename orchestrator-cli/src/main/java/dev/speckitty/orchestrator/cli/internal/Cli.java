package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Builds the picocli command tree and runs it. Internal: use {@link dev.speckitty.orchestrator.cli.Main}. */
public final class Cli {
    private Cli() {
    }

    /**
     * Runs as the real process: System streams, the real environment, signal handlers.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int runMain(String[] args) {
        Charset cs = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        return execute(args, out, err, System.getenv(), Path.of("").toAbsolutePath(), true);
    }

    /**
     * Runs one command.
     *
     * @param args the command line
     * @param out normal output
     * @param err diagnostics
     * @param env the environment
     * @param cwd the working directory
     * @param realProcess true when this is the real CLI process (signals, terminal detection, sleep inhibition)
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Path cwd,
            boolean realProcess) {
        CliContext context = new CliContext(Map.copyOf(env), cwd.toAbsolutePath().normalize(), realProcess);
        CommandLine cmd = commandLine(context);
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command tree (also used to generate the completion script). */
    static CommandLine commandLine(CliContext context) {
        CommandLine cmd = new CommandLine(new RootCommand(context), new CommandFactory(context));
        cmd.setExecutionExceptionHandler(new ErrorReporter());
        cmd.setExitCodeExceptionMapper(ErrorReporter::exitCodeOf);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpAutoWidth(true);
        cmd.setExpandAtFiles(false);
        return cmd;
    }

    /** Lets subcommands receive the context through their constructor. */
    private static final class CommandFactory implements CommandLine.IFactory {
        private final CliContext context;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        CommandFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }

    static int usageExit() {
        return ExitCode.USAGE;
    }
}
