package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.cli.ExitCode;
import dev.speckitty.orchestrator.client.HostInfo;
import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.agent.AgentProbe;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Checks the setup: Java, configuration, git repository, host executable and contract, configured agents. Each
 * failed check comes with a fix hint; the exit code is 1 when any check failed.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks the host executable and its contract, the installed agents and their versions, the git"
            + " repository and the configuration.", "Exit code 1 when a check failed."})
final class DoctorCommand extends BaseCommand {
    @Mixin
    ProjectOptions project = new ProjectOptions();

    private int failures;
    private int warnings;

    DoctorCommand(CliContext context) {
        super(context);
    }

    private void pass(String check, String detail) {
        out().printf("  ok    %-22s %s%n", check, detail);
    }

    private void warn(String check, String detail, String fix) {
        warnings++;
        out().printf("  warn  %-22s %s%n", check, detail);
        out().printf("        %-22s fix: %s%n", "", fix);
    }

    private void fail(String check, String detail, String fix) {
        failures++;
        out().printf("  FAIL  %-22s %s%n", check, detail);
        out().printf("        %-22s fix: %s%n", "", fix);
    }

    @Override
    public Integer call() {
        Path root = project.resolveRoot(context.cwd());
        out().println("spec-kitty-orchestrator " + VersionProvider.version() + " doctor, project " + root);
        pass("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor", "?") + ")");

        CliSettings settings = null;
        try {
            settings = ConfigLoader.load(root, context.env(), Map.of());
            pass("configuration", settings.sources().isEmpty() ? "defaults (no .kittify/orchestrator.yaml or .toml)"
                    : String.join(", ", settings.sources()));
        } catch (ConfigException e) {
            fail("configuration", e.getMessage(), "correct the key named above (see docs/cli.md for every key)");
        }

        Processes.Result git = Processes.run(List.of("git", "rev-parse", "--show-toplevel"), root,
                Duration.ofSeconds(10), Map.of());
        if (git.exitCode() == -1 && git.stderr().startsWith("cannot start")) {
            fail("git", "git is not installed", "install git and put it on PATH");
        } else if (!git.ok()) {
            fail("git repository", root + " is not inside a git repository",
                    "run the orchestrator in your project, or pass --repo-root <dir>");
        } else {
            Processes.Result head = Processes.run(List.of("git", "rev-parse", "--abbrev-ref", "HEAD"), root,
                    Duration.ofSeconds(10), Map.of());
            pass("git repository", git.stdout().trim() + (head.ok() ? " (branch " + head.stdout().trim() + ")" : ""));
        }
        if (Files.isDirectory(root.resolve("kitty-specs"))) {
            pass("missions", root.resolve("kitty-specs").toString());
        } else {
            warn("missions", "no kitty-specs/ directory in " + root,
                    "create a mission with spec-kitty first (spec-kitty specify ...)");
        }

        String host = project.host != null ? project.host : settings != null ? settings.host() : "spec-kitty";
        Optional<Path> hostPath = AgentAdapters.resolveExecutable(host);
        if (hostPath.isEmpty()) {
            fail("host executable", "'" + host + "' not found on PATH",
                    "install spec-kitty (pipx install spec-kitty-cli) or pass --host <executable> / set 'host' in"
                            + " the configuration");
        } else {
            pass("host executable", hostPath.get().toString());
            try (OrchestratorClient client = OrchestratorClient.builder().executable(host).projectRoot(root)
                    .callTimeout(Duration.ofSeconds(60)).build()) {
                HostInfo info = client.hostInfo();
                pass("host contract", "orchestrator-api " + info.contractVersion() + " ("
                        + info.vocabulary().toString().toLowerCase(java.util.Locale.ROOT) + " vocabulary)");
            } catch (RuntimeException e) {
                fail("host contract", ErrorReporter.message(e),
                        "upgrade spec-kitty to a version with orchestrator-api 1.x; run `" + host
                                + " orchestrator-api contract-version` to see its answer");
            }
        }

        if (settings != null) {
            AgentRegistry registry;
            try {
                registry = new AgentRegistry(settings);
            } catch (CliException e) {
                fail("agents", e.getMessage(), "correct agents.custom in the configuration");
                return finish();
            }
            checkChain("implementation", settings.implementationAgents(), registry);
            checkChain("review", settings.reviewAgents(), registry);
            Set<String> others = new LinkedHashSet<>(registry.ids());
            others.removeAll(settings.implementationAgents());
            others.removeAll(settings.reviewAgents());
            List<String> installed = new ArrayList<>();
            for (String id : others) {
                if (AgentAdapters.installed(registry.adapter(id))) {
                    installed.add(id);
                }
            }
            pass("other agents", installed.isEmpty() ? "none installed" : "installed: " + String.join(", ",
                    installed));
        }
        return finish();
    }

    private int finish() {
        out().println();
        out().println(failures == 0 ? "All checks passed" + (warnings > 0 ? " (" + warnings + " warning(s))." : ".")
                : failures + " check(s) failed.");
        return failures == 0 ? ExitCode.OK : ExitCode.NOT_DONE;
    }

    private void checkChain(String role, List<String> chain, AgentRegistry registry) {
        int usable = 0;
        for (String id : chain) {
            AgentAdapter a;
            try {
                a = registry.adapter(id);
            } catch (CliException e) {
                fail(role + " agent", e.getMessage(), "use a known agent id in agents." + role);
                continue;
            }
            AgentProbe p = AgentAdapters.probe(a, Duration.ofSeconds(10));
            if (p.installed()) {
                usable++;
                pass(role + " agent", id + " " + p.version().orElse("(version unknown)") + " at "
                        + p.path().map(Path::toString).orElse(a.executable())
                        + p.problem().map(x -> " - " + x).orElse(""));
            } else {
                warn(role + " agent", id + ": '" + a.executable() + "' not found",
                        "install it, or remove it from agents." + role);
            }
        }
        if (usable == 0) {
            fail(role + " agents", "none of " + chain + " is installed",
                    "install one of them or configure agents." + role + " (see `spec-kitty-orchestrator agents`)");
        }
    }
}
