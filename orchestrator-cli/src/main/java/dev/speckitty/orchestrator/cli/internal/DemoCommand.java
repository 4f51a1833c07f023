package dev.speckitty.orchestrator.cli.internal;

import dev.speckitty.orchestrator.client.model.ReviewVerdict;
import dev.speckitty.orchestrator.core.agent.GenericCommandAgent;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.ScriptedRole;
import dev.speckitty.orchestrator.testkit.agent.SimulatedFailure;
import dev.speckitty.orchestrator.testkit.agent.UsageFigures;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a complete run with nothing installed but Java. Creates a temporary git project with a generated
 * mission, writes wrapper scripts that run the simulated host and the scripted agent from this CLI's own classpath,
 * and runs the real engine against them as real processes. The scenario has a rejected review (rework), a
 * rate-limited run that is retried and an agent that fails authentication so the engine falls back to the next one.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a complete orchestration with nothing installed but Java: a temporary git project with a"
            + " generated mission, the simulated spec-kitty host and scripted agents as real processes.",
            "The scenario includes a rejected review, a retry and a fallback to another agent. The project is kept so"
                + " you can look at the lane branches and logs."})
final class DemoCommand extends BaseCommand {
    static final String IMPLEMENTER = "demo-claude";
    static final String REVIEWER = "demo-codex";

    @Option(names = "--dir", paramLabel = "<dir>",
            description = "Where to create the demo (default: a new temporary directory).")
    Path dir;

    @Option(names = "--work-packages", paramLabel = "<n>", defaultValue = "4",
            description = "Work packages in the generated mission, 3 to 12 (default ${DEFAULT-VALUE}).")
    int workPackages;

    @Option(names = "--agent-millis", paramLabel = "<ms>", defaultValue = "1500",
            description = "How long each scripted agent run works (default ${DEFAULT-VALUE}).")
    long agentMillis;

    @Option(names = "--max-concurrent", paramLabel = "<n>", defaultValue = "2",
            description = "Work packages in flight at once (default ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--events", paramLabel = "<file>", description = "Also write the events as JSON lines.")
    Path events;

    DemoCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws IOException {
        if (workPackages < 3 || workPackages > 12) {
            throw new CliException(dev.speckitty.orchestrator.cli.ExitCode.USAGE,
                    "--work-packages must be between 3 and 12");
        }
        if (agentMillis < 0 || maxConcurrent < 1) {
            throw new CliException(dev.speckitty.orchestrator.cli.ExitCode.USAGE,
                    "--agent-millis must be 0 or more and --max-concurrent at least 1");
        }
        Path base = dir == null ? Files.createTempDirectory("spec-kitty-demo-")
                : Files.createDirectories(context.cwd().resolve(dir)).toAbsolutePath();
        Path bin = Files.createDirectories(base.resolve("bin"));
        TestProject project = TestProject.createIn(base).keepOnClose(true);
        GeneratedMission mission = project.addMission(MissionGenerator.builder()
                .slug("demo-checkout")
                .workPackages(workPackages)
                .shape(DagShape.diamond())
                .subtasksPerWorkPackage(2)
                .build());
        Path root = project.root();
        Path host = writeLauncher(bin.resolve("spec-kitty"), "dev.speckitty.orchestrator.testkit.host.SimulatedHostMain");
        Path agent = writeLauncher(bin.resolve("scripted-agent"),
                "dev.speckitty.orchestrator.testkit.agent.ScriptedAgentMain");
        Path agentLog = base.resolve("agents.jsonl");
        List<String> wps = mission.workPackageIds();
        String rejected = wps.get(1);
        String retried = wps.get(2);
        String fellBack = wps.get(0);
        Path implScenario = scenario(base.resolve("scenario-" + IMPLEMENTER + ".json"), agentLog, host, rejected,
                Optional.of(retried), Optional.of(fellBack));
        Path reviewScenario = scenario(base.resolve("scenario-" + REVIEWER + ".json"), agentLog, host, rejected,
                Optional.empty(), Optional.empty());
        List<AgentAdapter> agents = List.of(scripted(IMPLEMENTER, agent, implScenario),
                scripted(REVIEWER, agent, reviewScenario));

        PrintWriter out = out();
        out.println("Demo project: " + root);
        out.println("Mission " + mission.directoryName() + " with " + wps.size() + " work packages " + wps
                + "; simulated host " + host);
        out.println("Scenario: " + IMPLEMENTER + " implements, " + REVIEWER + " reviews; the review of " + rejected
                + " is rejected once, " + retried + " hits a rate limit once (retry), " + IMPLEMENTER
                + " fails authentication on " + fellBack + " (fallback to " + REVIEWER + ").");
        out.println();
        out.flush();

        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("host", host.toString());
        overrides.put("agents.implementation", List.of(IMPLEMENTER, REVIEWER));
        overrides.put("agents.review", List.of(REVIEWER, IMPLEMENTER));
        overrides.put("max_concurrent_wps", maxConcurrent);
        overrides.put("agents.max_retries", 1);
        overrides.put("agents.timeout_seconds", 300);
        overrides.put("inhibit_sleep", false);
        CliSettings settings = ConfigLoader.load(root, Map.of(), overrides);
        RunSession.Plan plan = new RunSession.Plan(mission.directoryName(), settings, false, false,
                Optional.ofNullable(events), false, false, RunSession.newRunId(), agents, Optional.empty(),
                o -> o.initialBackoff(Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(2)));
        int code = RunSession.run(this, plan, root);
        out.println();
        out.println("The demo project is kept at " + root);
        out.println("  lane branches:  git -C " + root + " branch --list 'kitty/*'");
        out.println("  worktrees:      git -C " + root + " worktree list");
        out.println("  agent logs:     " + RunSession.logDirectory(root, plan.runId()));
        out.println("  agent runs:     " + agentLog);
        out.println("  status:         spec-kitty-orchestrator status --repo-root " + root + " --host " + host);
        out.println("Delete it with:   rm -rf " + base);
        out.flush();
        return code;
    }

    private AgentAdapter scripted(String id, Path agent, Path scenario) {
        return GenericCommandAgent.builder()
                .id(id)
                .executable(agent.toString())
                .implementerArgs(List.of("--scenario", scenario.toString()))
                .versionArgs(List.of("--help"))
                .promptOnStdin(true)
                .build();
    }

    private Path scenario(Path file, Path log, Path host, String rejected, Optional<String> retried,
            Optional<String> fellBack) {
        AgentScenario.Builder b = AgentScenario.builder()
                .defaults(AgentBehavior.builder()
                        .durationMillis(agentMillis)
                        .usage(UsageFigures.of(1800, 420, 0.0123))
                        .build())
                .logFile(log.toString())
                .specKittyBin(host.toString())
                .when(rejected, ScriptedRole.REVIEWER, 1, AgentBehavior.builder()
                        .verdict(ReviewVerdict.CHANGES_REQUESTED)
                        .feedback("Please add a test for the {wp} edge case (demo rejection).")
                        .build());
        retried.ifPresent(wp -> b.when(wp, ScriptedRole.IMPLEMENTER, 1, AgentBehavior.builder()
                .failure(SimulatedFailure.RATE_LIMIT).durationMillis(Math.min(agentMillis, 300)).build()));
        fellBack.ifPresent(wp -> b.when(wp, ScriptedRole.IMPLEMENTER, null, AgentBehavior.builder()
                .failure(SimulatedFailure.AUTH).durationMillis(Math.min(agentMillis, 300)).build()));
        return b.build().writeTo(file);
    }

    /** Writes a POSIX sh wrapper that runs a main class from this CLI's own classpath with this JVM. */
    static Path writeLauncher(Path file, String mainClass) throws IOException {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator)
                        .append(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return writeLauncher(file, mainClass, cp.toString());
    }

    /** Writes a POSIX sh wrapper that runs a main class from the given classpath with this JVM. */
    static Path writeLauncher(Path file, String mainClass, String classpath) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "#!/bin/sh\n"
                + "# generated by spec-kitty-orchestrator\n"
                + "exec " + shellQuote(java) + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "
                + shellQuote(classpath) + " " + mainClass + " \"$@\"\n";
        Files.writeString(file, script, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true);
        }
        return file;
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
