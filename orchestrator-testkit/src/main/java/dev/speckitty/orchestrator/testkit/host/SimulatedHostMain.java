package dev.speckitty.orchestrator.testkit.host;

import dev.speckitty.orchestrator.testkit.host.internal.HostRuntime;
import dev.speckitty.orchestrator.testkit.host.internal.Outcome;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The simulated host as a {@code spec-kitty} executable: same argv as the real CLI ({@code orchestrator-api
 * <command> [--opt value | --opt=value | --flag]}, {@code agent tasks mark-status …}, {@code --version}). The
 * project root is found like the host does ({@code SPECIFY_REPO_ROOT}, else walking up from the working
 * directory); the config from {@code SPEC_KITTY_SIM_CONFIG} or {@code <root>/.kittify/sim-host.json}.
 */
public final class SimulatedHostMain {
    private SimulatedHostMain() {}

    /**
     * Runs one call and exits with its exit code.
     *
     * @param args the arguments after {@code spec-kitty}
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Path root = HostRuntime.findRoot(Path.of("").toAbsolutePath(), env);
        int exit;
        try {
            SimulatedHostConfig config = SimulatedHostConfig.forProject(root, env);
            HostRuntime.Sleeper sleeper = new HostRuntime.Sleeper() {
                @Override
                public void sleep(long millis) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void hang() {
                    while (true) {
                        sleep(60_000);
                    }
                }
            };
            Outcome o = new HostRuntime(root, ConfigJson.toSettings(config), sleeper).run(List.of(args));
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            out.print(o.stdout());
            out.flush();
            PrintStream err = new PrintStream(System.err, false, StandardCharsets.UTF_8);
            err.print(o.stderr());
            err.flush();
            exit = o.exitCode();
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }
}
