package dev.speckitty.orchestrator.examples;

import dev.speckitty.orchestrator.core.EventType;
import dev.speckitty.orchestrator.core.RunReport;
import dev.speckitty.orchestrator.core.RunRequest;
import dev.speckitty.orchestrator.core.agent.AgentAdapters;
import dev.speckitty.orchestrator.core.agent.GenericCommandAgent;
import dev.speckitty.orchestrator.core.agent.ProcessAgentLauncher;
import dev.speckitty.orchestrator.core.OrchestrationEngine;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentCommand;
import dev.speckitty.orchestrator.core.spi.AgentFailure;
import dev.speckitty.orchestrator.core.spi.AgentInvocation;
import dev.speckitty.orchestrator.core.spi.AgentOutcome;
import dev.speckitty.orchestrator.core.spi.AgentRunOutput;
import dev.speckitty.orchestrator.testkit.agent.AgentBehavior;
import dev.speckitty.orchestrator.testkit.agent.AgentScenario;
import dev.speckitty.orchestrator.testkit.agent.UsageFigures;
import dev.speckitty.orchestrator.testkit.host.SimulatedHostExecutable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two ways to plug in an agent CLI the engine does not know: a {@link GenericCommandAgent} configured with an argv
 * template (here the implementer), and a Java {@link AgentAdapter} (here the reviewer). Both run the test kit's
 * scripted agent, so the example needs no real agent; point them at your CLI instead.
 *
 * <pre>
 * ./mvnw -q -pl examples -am process-classes exec:java \
 *     -Dexec.mainClass=dev.speckitty.orchestrator.examples.EngineWithCustomAgent
 * </pre>
 */
public final class EngineWithCustomAgent {
    private EngineWithCustomAgent() {}

    /** A Java adapter: prompt on stdin, and its own reading of the output on top of the exit-code conventions. */
    static final class StdinReviewer implements AgentAdapter {
        private final String executable;
        private final Path scenario;

        StdinReviewer(String executable, Path scenario) {
            this.executable = executable;
            this.scenario = scenario;
        }

        @Override
        public String id() {
            return "stdin-reviewer";
        }

        @Override
        public String executable() {
            return executable;
        }

        @Override
        public AgentCommand command(AgentInvocation in) {
            // argv only, never a shell; the full prompt goes to stdin (no argv size limit)
            return AgentCommand.builder().addArgv(executable, "--scenario", scenario.toString())
                    .stdin(in.prompt()).build();
        }

        @Override
        public AgentOutcome interpret(AgentInvocation in, AgentRunOutput out) {
            AgentOutcome conventional = AgentAdapters.classifyByExitCode(out); // 124, 41, 42, error text, usage line
            if (conventional.succeeded() && !out.stdout().contains("scripted-agent: " + in.wpId())) {
                return AgentOutcome.builder().from(conventional).failure(AgentFailure.NO_OUTPUT)
                        .summary("exit 0 but no run header for " + in.wpId()).build();
            }
            return conventional;
        }
    }

    /**
     * Runs the example.
     *
     * @param args see {@link ExampleSetup}
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("custom-agent-");
        // the scripted agent reads its prompt from stdin and reports usage figures
        Path scenario = AgentScenario.builder()
                .defaults(AgentBehavior.builder().readPromptFromStdin(true)
                        .usage(UsageFigures.of(1200, 300, 0.0123)).build())
                .build()
                .writeTo(dir.resolve("scenario.json"));
        String scriptedAgent = SimulatedHostExecutable.scriptedAgentPath().toString();

        // 1. a generic command agent: an argv template per role; placeholders such as {wp}, {workspace},
        //    {prompt_file}, {verdict_file}, {attempt} are filled per run, one argv element each
        GenericCommandAgent implementer = GenericCommandAgent.builder()
                .id("template-implementer")
                .executable(scriptedAgent)
                .implementerArgs(List.of("--scenario", scenario.toString()))
                .putEnvironment("SCRIPTED_AGENT_LOG", dir.resolve("agents.jsonl").toString())
                .build();
        // 2. a Java adapter
        AgentAdapter reviewer = new StdinReviewer(scriptedAgent, scenario);

        try (ExampleSetup setup = ExampleSetup.fromArgs(args)) {
            OrchestrationEngine engine = OrchestrationEngine.builder()
                    .client(setup.client())
                    .options(setup.engineOptions()
                            .implementationAgents(List.of(implementer.id()))
                            .reviewAgents(List.of(reviewer.id()))
                            .build())
                    .launcher(ProcessAgentLauncher.create())
                    .addAdapter(implementer)
                    .addAdapter(reviewer)
                    .addListener(event -> {
                        if (event.type() == EventType.AGENT_FINISHED) {
                            System.out.println(event.wpId().orElse("?") + " " + event.role().orElse("?") + " by "
                                    + event.agent().orElse("?") + ": " + event.message());
                        }
                    })
                    .build();
            RunReport report = engine.run(RunRequest.of(setup.mission()));
            System.out.println(report.status() + "; usage " + report.usage());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException ignored) {
                // best effort clean-up of the temporary scenario
            }
        }
    }
}
