package dev.speckitty.orchestrator.cli;

import dev.speckitty.orchestrator.cli.internal.Cli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of {@code spec-kitty-orchestrator}. {@link #main} runs a command and exits the JVM with its
 * {@link ExitCode}; {@link #execute} runs one in-process (for tests and embedding) and returns the code instead.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the CLI and exits the JVM with the command's exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = Cli.runMain(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs one command in this JVM without installing signal handlers and without exiting.
     *
     * @param args the command line, not null
     * @param out where normal output goes, not null
     * @param err where diagnostics go, not null
     * @param environment the environment the command sees (configuration variables, PATH), not null
     * @param workingDirectory the directory the command runs in (repository root detection starts here), not null
     * @return the exit code, see {@link ExitCode}
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
            Path workingDirectory) {
        return Cli.execute(args, out, err, environment, workingDirectory, false);
    }
}
