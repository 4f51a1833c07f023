package dev.speckitty.orchestrator.testkit.agent;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of the scripted fake coding agent ({@code bin/scripted-agent} in the test kit's build). It behaves
 * like an agent CLI as the engine runs it: it reads who it is from the {@code SPEC_KITTY_*} environment, follows
 * the {@link AgentScenario} named by {@code --scenario <file>} or {@code SCRIPTED_AGENT_SCENARIO}, writes files in
 * its workspace, marks subtasks through {@code spec-kitty}, prints output, usage and verdicts, and logs the run to
 * {@code SCRIPTED_AGENT_LOG}. See {@link AgentBehavior} for what a run does, in order.
 *
 * <p>Exit codes: as scripted (default 0; 41/42 for simulated auth/rate-limit failures); 2 for bad usage or a bad
 * scenario; 3 for an internal error. Startup is kept light: nothing heavy happens in static initialisers.
 */
public final class ScriptedAgentMain {
    private ScriptedAgentMain() {}

    /**
     * Runs the agent and exits the JVM with its exit code.
     *
     * @param args command-line arguments ({@code --scenario <file>}, {@code --help}; others are recorded)
     */
    public static void main(String[] args) {
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        OutputStream err = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16);
        int code;
        try {
            code = new ScriptedAgentRun(System.getenv(), List.of(args), System.in, out, err,
                    Path.of("").toAbsolutePath()).run();
        } catch (IOException | RuntimeException e) {
            code = ScriptedAgentRun.EXIT_INTERNAL;
            try {
                err.write(("scripted-agent: internal error: " + e + "\n").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // Nothing left to report to.
            }
        }
        try {
            out.flush();
            err.flush();
        } catch (IOException ignored) {
            // The reader went away; the exit code still tells the outcome.
        }
        System.exit(code);
    }
}
